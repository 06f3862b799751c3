"""Reading content files: YAML lines, duplicates, front matter, text checks."""

import pytest

from innosite.content.source import SourceError, decode, parse_yaml, split_front_matter


def test_yaml_keeps_lines_of_nested_keys() -> None:
    doc = parse_yaml("a: 1\nb:\n  - x\n  - y: 2\n")
    assert doc.data == {"a": 1, "b": ["x", {"y": 2}]}
    assert (doc.line("a"), doc.line("b", 1, "y"), doc.line("b", 0)) == (1, 4, 3)


def test_unquoted_datetime_stays_text_and_date_is_a_date() -> None:
    import datetime

    assert parse_yaml("p: 2022-09-13 14:56\nd: 2022-09-13\n").data == {
        "p": "2022-09-13 14:56",
        "d": datetime.date(2022, 9, 13),
    }


def test_duplicate_keys_are_reported() -> None:
    assert parse_yaml("a: 1\nb: 2\na: 3\n").duplicates == ((3, 'the key "a" appears twice: keep one'),)


def test_billion_laughs_is_refused() -> None:
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(6)
    )
    with pytest.raises(SourceError, match="too many values"):
        parse_yaml(text)


def test_tabs_in_indentation_are_reported_with_their_line() -> None:
    with pytest.raises(SourceError) as caught:
        parse_yaml("a:\n\t- x\n")
    assert (caught.value.line, caught.value.message) == (2, "a tab character: indent with spaces, not tabs")


@pytest.mark.parametrize(
    "text,line,message",
    [
        (
            'title: "Kaupungit "kokeilevat" uutta"',
            1,
            '"title" has a " inside "...": write the value between single quotes (\'...\'), or use ” typographic quotes',
        ),
        (
            'a: 1\nsummary: "Hanke "Sport" alkaa" # x\n',
            2,
            '"summary" has a " inside "...": write the value between single quotes (\'...\'), or use ” typographic quotes',
        ),
        (
            "title: 'Don't stop'",
            1,
            "\"title\" has a ' inside '...': write the value between double quotes (\"...\"), or write the ' twice ('')",
        ),
        (
            'contacts:\n  - name: "A "B" C"\n',
            2,
            '"name" has a " inside "...": write the value between single quotes (\'...\'), or use ” typographic quotes',
        ),
        (
            'alt: {fi: "a "b" c", sv: x}',
            1,
            '"fi" has a " inside "...": write the value between single quotes (\'...\'), or use ” typographic quotes',
        ),
    ],
)
def test_a_quote_inside_quotes_says_how_to_write_the_value(text: str, line: int, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_yaml(text)
    assert (caught.value.line, caught.value.message) == (line, f"YAML syntax error: {message}")


def test_quotes_written_as_yaml_allows_are_read() -> None:
    assert parse_yaml("""a: 'Hanke "Sport" alkaa'\nb: "x \\"y\\" z"\nc: 'Don''t'\nd: Hanke "Sport" alkaa\n""").data == {
        "a": 'Hanke "Sport" alkaa',
        "b": 'x "y" z',
        "c": "Don't",
        "d": 'Hanke "Sport" alkaa',
    }


def test_bom_and_crlf_are_accepted() -> None:
    text = decode("\ufeff---\r\ntitle: Otsikko\r\n---\r\nTeksti.\r\n".encode())
    parsed = split_front_matter(text)
    assert (parsed.front.data, parsed.body, parsed.body_line) == ({"title": "Otsikko"}, "Teksti.\n", 4)


def test_control_characters_are_reported_with_their_line() -> None:
    with pytest.raises(SourceError) as caught:
        decode(b"---\ntitle: a\x07b\n---\n")
    assert (caught.value.line, caught.value.message) == (2, "invisible control character U+0007: delete it")


def test_quoted_and_unquoted_dates_are_the_same() -> None:
    from zoneinfo import ZoneInfo

    from innosite.content.fields import Fields
    from innosite.problems import Problems

    problems = Problems()
    doc = parse_yaml("start: 2023-11-01\nend: '2024-10-31'\nbad: '31.10.2024'\n")
    fields = Fields(doc, "meta.yaml", problems)
    assert (str(fields.day("start")), str(fields.day("end")), fields.day("bad")) == ("2023-11-01", "2024-10-31", None)
    assert [str(p) for p in problems.all] == [
        'meta.yaml:3: "bad" is not a date: write it as YYYY-MM-DD, e.g. 2022-09-13'
    ]
    tz = ZoneInfo("Europe/Helsinki")
    moments = (fields.moment("start", tz), fields.moment("end", tz))  # a bare date is 00:00, said
    assert [str(m) for m in moments] == ["2023-11-01 00:00:00+02:00", "2024-10-31 00:00:00+02:00"]
    assert [str(p) for p in problems.all][1:] == [
        f'meta.yaml:{line}: warning: "{key}" has a date but no time: it is read as {day} 00:00 (midnight); write the'
        f" time too, e.g. {day} 09:00"
        for line, key, day in ((1, "start", "2023-11-01"), (2, "end", "2024-10-31"))
    ]
