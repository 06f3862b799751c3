"""What a page offers where it is shared (Facebook, LinkedIn, X, messengers), pure: the share image and the
Open Graph locale.

`share_image` is the one place a page's picture comes from: og:image with its size and alt text, twitter:card
and the JSON-LD `image` all read `Head.share`: the 1200 x 630 share image made from an entry's photo
(innosite/media/share.py: cropped at most 30 %, then padded), or the language's default share image for every
page without one (and for an entry whose photo is an SVG drawing, which the platforms do not show).
"""

from __future__ import annotations

from urllib.parse import quote

from innosite.media.recipe import SHARE_SIZE
from innosite.model.entry import Entry
from innosite.pages.images import Media, default_share_path, share_name
from innosite.pages.routes import Routes
from innosite.pages.views import ShareImage

_FACEBOOK = """
af_ZA ak_GH am_ET ar_AR as_IN ay_BO az_AZ be_BY bg_BG bn_IN bp_IN br_FR bs_BA ca_ES cb_IQ ck_US co_FR cs_CZ cx_PH
cy_GB da_DK de_DE el_GR en_GB en_PI en_UD en_US eo_EO es_ES es_LA es_MX et_EE eu_ES fa_IR fb_LT ff_NG fi_FI fo_FO
fr_CA fr_FR fy_NL ga_IE gl_ES gn_PY gu_IN gx_GR ha_NG he_IL hi_IN hr_HR ht_HT hu_HU hy_AM id_ID ig_NG is_IS it_IT
ja_JP ja_KS jv_ID ka_GE kk_KZ km_KH kn_IN ko_KR ks_IN ku_TR ky_KG la_VA lg_UG li_NL ln_CD lo_LA lt_LT lv_LV mg_MG
mi_NZ mk_MK ml_IN mn_MN mr_IN ms_MY mt_MT my_MM nb_NO nd_ZW ne_NP nl_BE nl_NL nn_NO nr_ZA ns_ZA ny_MW or_IN pa_IN
pl_PL ps_AF pt_BR pt_PT qc_GT qu_PE qz_MM rm_CH ro_RO ru_RU rw_RW sa_IN sc_IT se_NO si_LK sk_SK sl_SI sn_ZW so_SO
sq_AL sr_RS ss_SZ st_ZA sv_SE sw_KE sy_SY sz_PL ta_IN te_IN tg_TJ th_TH tk_TM tl_PH tl_ST tn_BW tr_TR ts_ZA tt_RU
tz_MA uk_UA ur_PK uz_UZ ve_ZA vi_VN wo_SN xh_ZA yi_DE yo_NG zh_CN zh_HK zh_TW zu_ZA zz_TR
"""
FACEBOOK_LOCALES = frozenset(_FACEBOOK.split())
"""The og:locale values Facebook accepts (its FacebookLocales.xml); LinkedIn reads Open Graph too and publishes no
list of its own. Neither sv_FI nor en_FI is there: a Finland-Swedish page is sv_SE, an English one en_GB."""
PREFERRED = {"en": "en_GB", "es": "es_ES", "fr": "fr_FR", "ja": "ja_JP", "nl": "nl_NL", "pt": "pt_PT", "tl": "tl_PH",
             "zh": "zh_CN"}  # fmt: skip
"""For a language with several accepted locales, the one a page gets when its own is not accepted (English: the
British English of the EU's institutions)."""


def og_locale(locale: str) -> str:
    """The Open Graph locale of a site language's locale (site.yaml): itself where Facebook accepts it, else the
    accepted locale of its language (sv_FI -> sv_SE, en_FI -> en_GB), else itself."""
    if locale in FACEBOOK_LOCALES:
        return locale
    language = locale.split("_", 1)[0]
    accepted = [each for each in sorted(FACEBOOK_LOCALES) if each.split("_", 1)[0] == language]
    if len(accepted) == 1:
        return accepted[0]
    return PREFERRED.get(language, locale)


def share_image(routes: Routes, lang: str, media: Media, entry: Entry | None = None) -> ShareImage | None:
    """The picture of a page in lang when it is shared: the 1200 x 630 share image made from the entry's photo,
    else the language's default share image (site.yaml's share_image), else none."""
    if entry is not None and entry.image is not None:
        image = entry.image_file(entry.image.src)
        made = media.made.get(image.sha) if image else None
        if image is not None and made is not None and made.share is not None:
            url = routes.absolute(routes.media(entry, quote(share_name(image.name))))
            return ShareImage(url, entry.image.alt[lang], made.share.width, made.share.height)
    config = routes.config.share_image
    if config is None or lang not in media.default_share:
        return None
    return ShareImage(routes.absolute(default_share_path(lang)), config.alt[lang], *SHARE_SIZE)
