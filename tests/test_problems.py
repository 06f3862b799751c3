"""Problems print as one line each, whatever the content they quote."""

from innosite.problems import Problem


def test_quoted_line_breaks_and_terminal_escapes_stay_on_one_line() -> None:
    problem = Problem("content/themes.yaml", 3, 'unknown theme "a\r\nb\x85\x1b[2J\u2028"')
    assert str(problem) == 'content/themes.yaml:3: unknown theme "a\\r\\nb\\x85\\x1b[2J\\u2028"'
    assert str(Problem("x.md", 0, "ä ö å – ok", warning=True)) == "x.md: warning: ä ö å – ok"
