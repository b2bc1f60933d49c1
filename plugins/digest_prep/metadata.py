"""Stage 3: front-matter metadata of one article from its cleaned lines.

Dates, author, desk editor, source (outlet or wire), publisher, section,
summary and title, each from the lines the cleaner gave a metadata role,
then from page metadata, then from the other non-body lines, and only as a
last resort from the body (a lead dateline, "told Diyaruna"). What cannot be
found stays None and is flagged; nothing is invented.
"""
from __future__ import annotations

import functools
import itertools
import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from .classify_text import Forest
from .clean_text import CHARS_PER_WORD, UNSPACED_SCRIPTS, furniture_key
from .furniture import RUN_CLAIM, RUN_TOP
from .links import clean_url
from .layout_text import UNSPACED, display_width, join_lines
from .language import choose_language, clean_lang, text_direction
from .model import BODY_ROLES, Extraction, Flag, Line, Metadata, Seed
from .names import NameMatcher, compile_matchers, match_names, normalise_alias
from .page_meta import HtmlPage
from .read import is_true
from .rules import MONTHS

# --- Outlets (sources.yaml) ---------------------------------------------------

OUTLET_KINDS = frozenset({"wire", "outlet"})


@dataclass(frozen=True)
class Outlet:
    """One news organisation from sources.yaml."""

    name: str
    kind: str                          # "wire" or "outlet"
    aliases: tuple[str, ...]           # every written form, the name first
    timezone: str | None = None        # IANA name of its home time zone
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outlets:
    """Outlets compiled for matching in text and by web domain."""

    outlets: Mapping[str, Outlet] = field(default_factory=dict)
    matchers: tuple[NameMatcher, ...] = ()
    by_domain: Mapping[str, str] = field(default_factory=dict)


NO_OUTLETS = Outlets()

# --- Dates --------------------------------------------------------------------

WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2,
    "wed": 2, "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
# Month names of the other languages the digest reads (fr, es, de, pt, it,
# ru, tr, ar), written in full; each names the month of a full date only.
INTL_MONTHS = {
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    # Portuguese
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "dezembro": 12,
    # Italian
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9,
    "ottobre": 10, "dicembre": 12,
    # Russian (genitive, as dates write them)
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    # Turkish
    "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7,
    "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
    # Arabic (Egyptian/Gulf and Levantine names)
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7,
    "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7,
    "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
}
INTL_WORDS = frozenset(word for name in INTL_MONTHS for word in name.split())
INTL_WORD = re.compile(r"[^\W\d_]+")
INTL_MONTH = "(?P<month_name>%s)" % "|".join(
    re.escape(name) for name in sorted(INTL_MONTHS, key=len, reverse=True))
# Month names that are also English words: matched only when capitalised.
MONTH_WORDS = frozenset({"may", "march"})

# English month names as dates write them, capitalised, longest first
# ("September" before "Sept" and "Sep").
MONTH = r"(?P<month_name>%s)\.?" % "|".join(
    name.capitalize() for name in sorted(MONTHS, key=len, reverse=True))
# Weekdays in full, or abbreviated before a comma ("Sun, 03 Mar 2019").
WEEKDAY = (r"(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
           r"|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?=,))")
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
CLOCK = (r"(?P<hour>[0-2]?\d):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?(?:\.\d+)?"
         r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?")
ZONE = (r"(?:\s*(?P<zone>Z|[+-][01]\d:?[0-5]\d|(?:UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?[0-5]\d)?)?"
        r"|[ECMP][SD]?T)(?![\w]))?")
# North American zones as pages write them after a time ("9:24 pm ET",
# "10:28am EST"): a season's zone as its fixed offset, a bare one as the
# region's zone, whose offset follows the day.
ZONE_NAMES = {"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
              "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
              "PT": "America/Los_Angeles"}


# The weekday and time of day a Chinese or Japanese date line writes after
# the day: a Japanese weekday in brackets ("（火）", Tuesday) or a Chinese one
# ("星期二", "周二"); then the morning or afternoon of a 12-hour clock
# ("下午3点", 3 pm; "午後3時"), and "10:35", "15時30分" or "3点" (时/時/点 the
# hour, 分 the minute). The hour stops at 23: "截至3月12日24时" (by midnight
# of the 12th) keeps its date and reads no time.
CJK_HOUR = r"(?:2[0-3]|[01]?\d)"
CJK_CLOCK = (r"(?:\s*[（(](?P<cjk_weekday_ja>[月火水木金土日])(?:曜日?)?[）)]"
             r"|\s*(?:星期|周|週)(?P<cjk_weekday_zh>[一二三四五六日天]))?"
             r"(?:\s*(?P<cjk_half>上午|下午|午前|午後)?\s*"
             rf"(?:(?P<hour>{CJK_HOUR})[:：](?P<minute>[0-5]\d)(?:[:：](?P<second>[0-5]\d))?(?!\d)"
             rf"|(?P<cjk_hour>{CJK_HOUR})\s*[时時点點](?:\s*(?P<cjk_minute>[0-5]?\d)\s*分)?))?")
# The weekdays those brackets and "星期" name, Monday = 0.
CJK_WEEKDAYS = {**{name: number for number, name in enumerate("月火水木金土日")},
                **{name: number for number, name in enumerate("一二三四五六")}, "天": 6}
# The half of the day a 12-hour CJK clock names first: morning or afternoon.
CJK_HALVES = {"上午": "am", "午前": "am", "下午": "pm", "午後": "pm"}


@dataclass(frozen=True)
class DateForm:
    """One way of writing a date, with a real example it must read."""

    name: str      # stable id for tests
    pattern: str   # regex with named groups year/month/month_name/day/hour/...
    example: str   # a real snippet it must read


# Every way the raw articles write a date. A form without a year ("March 3")
# or without a day ("December 2017") never dates an article by itself.
DATE_FORMS = (
    DateForm("numeric",
             rf"(?<![\d/.-]){YEAR}(?P<sep>[-/.])(?P<month>[01]?\d)(?P=sep)(?P<day>[0-3]?\d)"
             rf"(?:(?:T|\s+|\s*\|\s*){CLOCK}{ZONE})?(?![\d/.])",
             "2019-03-03 20:11:43"),
    # "27/09/2018", "11.14.2019", "7/23/2012 8:26:15 PM": read only where the
    # order is plain (one of the two numbers is above 12, or they are equal);
    # "03/04/2019" is March or April by the site's country, so it dates nothing.
    DateForm("numeric-year-last",
             rf"(?<![\d/.-])(?P<former>[0-3]?\d)(?P<sep>[/.])(?P<latter>[0-3]?\d)(?P=sep){YEAR}"
             rf"(?:(?:T|\s+|\s*\|\s*){CLOCK}{ZONE})?(?![\d/.])",
             "27/09/2018"),
    DateForm("month-day-year",
             rf"(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY},?\s+{YEAR}"
             rf"(?:(?:,\s*|\s+)(?:at\s+)?{CLOCK}{ZONE})?(?!\d)",
             "November 25, 2017"),
    DateForm("day-month-year",
             rf"(?:{WEEKDAY},?\s+)?(?<!\d){DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}"
             rf"(?:(?:,\s*|\s+)(?:at\s+)?{CLOCK}{ZONE})?(?!\d)",
             "25 Nov 2017"),
    DateForm("month-day",
             rf"(?:{WEEKDAY}\s*[,(]?\s*)?{MONTH}\s+{DAY}(?!\d)\)?(?!,?\s*\d)",
             "Monday (February 10th)"),
    DateForm("day-month",
             rf"(?:{WEEKDAY}\s*[,(]?\s*)?(?<!\d){DAY}\s+(?:of\s+)?{MONTH}(?![\w.]|,?\s*\d)",
             "10 February"),
    DateForm("month-year", rf"{MONTH},?\s+{YEAR}(?!\d)", "December 2017"),
    DateForm("day-month-year-intl",
             rf"(?<!\d){DAY}\.?\s+(?:de\s+)?{INTL_MONTH}\.?,?\s+(?:de\s+)?{YEAR}"
             rf"(?:(?:,\s*|\s+)(?:à\s+|a las\s+|um\s+|às\s+|в\s+)?{CLOCK}{ZONE})?(?!\d)",
             "12 mars 2024"),
    DateForm("year-month-day-cjk",
             r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日" + CJK_CLOCK,
             "2024年3月12日 10:35"),
    # "3月12日": the day a Chinese wire formula ("新华社杭州3月12日电") names;
    # like "March 3", it dates nothing by itself.
    DateForm("month-day-cjk",
             r"(?<!\d)(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日" + CJK_CLOCK,
             "3月12日（火）15時30分"),
)
DATE_PATTERNS = tuple((form.name, re.compile(form.pattern, re.IGNORECASE)) for form in DATE_FORMS)
DIGIT = re.compile(r"\d")
# Every form that writes both year and day writes YEAR: a text without it
# holds no full date, and is_dateline skips it without running the forms.
YEAR_WRITTEN = re.compile(YEAR)
# An English month name, as the forms' MONTH reads it (same flags): a text
# without one is not searched with the forms that need one.
MONTH_WRITTEN = re.compile("|".join(sorted(MONTHS, key=len, reverse=True)), re.IGNORECASE)
# What each form cannot match without: (a year, an English month name).
FORM_NEEDS = {form.name: ("(?P<year>" in form.pattern, MONTH in form.pattern) for form in DATE_FORMS}
# Distinct texts whose dates are kept: a page asks for the dates of its lines
# again and again (candidates, their neighbours, date lines).
DATES_KEPT = 8192
# Distinct texts whose site key or folded words are kept: a page asks for
# them of each of its lines more than once.
NAMES_KEPT = 8192
WEEKDAY_WORD = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")

# A dateline may sit this many lines into the body's first lines.
DATE_BELOW_LINES = 3
# A kicker's date line stands right above the headline.
DATE_ABOVE_LINES = 1
# A day in an article's URL path: "/2019/03/03/", "/2019-03-03-slug", "/20190303/".
URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d\d)(?P<sep>[/-]?)(?P<month>[01]\d)(?P=sep)(?P<day>[0-3]\d)(?:[/_.-]|$)")
# A line this short may be a credit even when the cleaner gave it another role.
SOURCE_CREDIT_MAX_WORDS = 12
# A line the cleaner did not call a dateline still is one when, besides its
# full date, "key: value" parts and dateline words, it keeps at most this many
# words ("November 25, 2017", "Posted on 25 Nov 2017", "date 2017-11-25 WORLD");
# a related headline with a date keeps more.
DATELINE_MAX_OTHER_WORDS = 3
# A date covers at most 13 of a line's words, as find_dateline_words splits
# them (a day, "de", a month name of two words, "de", a year, "a las", a time,
# "pm" and a zone of three), and may cut one at each end: with a margin, this
# many. Each date holds a run of digits of its own, so a line with more words
# than its runs of digits can take away is no date line (a paragraph).
DATE_MAX_WORDS = 16
DIGIT_RUN = re.compile(r"\d+")
# What splits a dateline into words: spaces, commas, bars and dashes ("May 2, 2019 | 10:31 am").
DATELINE_WORD_SEPARATOR = re.compile(r"[\s,|\u2013\u2014-]+")
# A day named without a year ("Monday (February 10th)") is dated to the first
# year, from the latest date the text mentions on, whose calendar puts it on
# that weekday. Within this many years the answer is unique: a day falls on
# the same weekday again only after 5 years or more.
INFERENCE_MAX_YEARS = 4
# The lead dateline and the "said Monday (February 10th)" that date a story
# come in its first sentences.
LEAD_CHARS = 400


@dataclass(frozen=True)
class FoundDate:
    """One date written in a text."""

    start: int
    end: int
    form: str                      # DateForm.name
    text: str
    year: int | None
    month: int
    day: int | None
    clock: time | None = None      # with tzinfo when the text gave a zone
    weekday: int | None = None     # 0 = Monday, when named with the date

    @property
    def is_full(self) -> bool:
        """True when year, month and day are all written."""
        return self.year is not None and self.day is not None


# --- People, sources, sections --------------------------------------------------

# "Source: Xinhua| 2019-03-03 20:11:43|Editor: xuxin": parts of a line.
LINE_PARTS = re.compile(r"\s*[|\u2022\u00b7]\s*")
KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z ]{1,24}?)\s*[:\uff1a]\s*(?P<value>.*)$")
SOURCE_KEYS = frozenset({"source", "sources", "credit", "agency", "via", "wire", "来源", "來源", "出典"})
EDITOR_KEYS = frozenset({"editor", "edited by", "desk editor", "responsible editor", "web editor",
                         "编辑", "編輯", "责任编辑", "責任編輯", "編集"})
AUTHOR_KEYS = frozenset({"by", "author", "authors", "reporter", "written by", "reporting by", "writer",
                         "作者", "记者", "記者"})
# The same labels in Chinese and Japanese ("来源：新华网", "记者：王小明 编辑：李华"):
# such a line puts them side by side with spaces, not bars, between them,
# and writes no space inside a name, so a value ends at the first space.
CJK_KEYS = sorted((key for key in SOURCE_KEYS | EDITOR_KEYS | AUTHOR_KEYS if not key.isascii()),
                  key=lambda key: (-len(key), key))
CJK_KEY_VALUE = re.compile("^(?P<key>%s)\\s*[:\uff1a]\\s*(?P<value>\\S*)" % "|".join(CJK_KEYS))
CJK_KEY_START = re.compile("[\\s\u3000]+(?=(?:%s)\\s*[:\uff1a])" % "|".join(CJK_KEYS))
CREDIT_KEYS = SOURCE_KEYS | EDITOR_KEYS | AUTHOR_KEYS     # labels no headline carries
# "By" as the pages write it: English, Spanish/Portuguese, French, German,
# Italian, Dutch, Arabic.
BYLINE = re.compile(r"^(?:by|written by|reporting by|words by|posted by|filed by|por|par|von|di|door|\u0628\u0642\u0644\u0645)"
                    r"\s*:?\s+(?P<names>\S.*)$", re.IGNORECASE)
# A Chinese or Japanese byline: reporter (记者, 記者, "本报记者" our
# reporter), author (作者), writer (撰文, 执笔, 執筆) or "文/" (text by)
# before the names, set apart from them by a colon or a space (a sentence
# opens "记者了解到", the reporter learnt); the names are set apart by spaces,
# hold none and no punctuation.
CJK_BYLINE = re.compile(r"^(?:(?:(?:本报|本報)?(?:记者|記者)|作者|撰文|执笔|執筆)(?:\s*[:：]\s*|\s+)|文\s*[/／]\s*)"
                        r"(?P<names>[^\W\d_]+(?:\s+[^\W\d_]+)*?)(?:\s+\S+\s*[:：].*)?$")
# A Japanese desk byline: the desk (a name ending in 部, department, or in
# 支局/総局, bureau) and the reporter, "社会部 山田花子", "（政治部・山田花子）",
# "ワシントン支局 山田花子記者"; or the name and 記者 (reporter) alone,
# "山田花子記者". A name is written in kanji or katakana, up to four
# characters, with one space between family and given name at most
# ("山田 花子"); several are set apart by "、" or "・". The desk and the
# suffix are the evidence: a bare short line is never read as a name.
JA_NAME = r"[\u4e00-\u9fff\u3005\u30a1-\u30fa\u30fc]{1,4}(?:[ \u3000][\u4e00-\u9fff\u3005\u30a1-\u30fa\u30fc]{1,4})?"
JA_NAMES = rf"{JA_NAME}(?:[、，,・･][ \u3000]*{JA_NAME})*"
JA_DESK_BYLINE = re.compile(
    rf"^[（(]?(?P<desk>[\u4e00-\u9fff\u30a1-\u30fa\u30fc]{{1,8}}?(?:部|支局|総局))(?:記者)?[ \u3000・･/／]+"
    rf"(?P<names>{JA_NAMES})(?:[ \u3000]*記者)?[）)]?$")
JA_REPORTER_BYLINE = re.compile(rf"^[（(]?(?P<names>{JA_NAMES})[ \u3000]*記者[）)]?$")
JA_NAME_SEPARATOR = re.compile(r"[、，,・･][ \u3000]*")
# A desk whose work is pictures credits a photograph, not the story
# ("写真部・山田花子" under a picture).
JA_PICTURE_DESKS = ("写真", "映像")
# A Japanese full name is two to six characters ("林修", "長宗我部元親"); a name
# read from the 記者 suffix alone takes three, as a two-character word before
# it is most often a kind of reporter ("担当記者", the reporter in charge).
JA_NAME_CHARS = (2, 6)
JA_SUFFIX_NAME_MIN_CHARS = 3
# What ends an organisation's unit, not a person's name (部 department, 局
# bureau, 社 company, 班 team, 課 section, 室 office).
JA_UNIT_ENDINGS = tuple("部局社班課室")
EDITED_BY = re.compile(r"^edited by\s*:?\s+(?P<names>\S.*)$", re.IGNORECASE)
# Small words a list of names may hold ("Jane Doe and John Roe", "Ahmed bin Ali").
NAME_LINKS = frozenset({"and", "al", "el", "bin", "ibn", "de", "van", "von", "der", "la", "le",
                        "da", "du", "di", "of"})
# What may open a byline value, and what may follow the name.
BYLINE_PREFIX = re.compile(r"(?i)^(?:(?:posted|written|reported|words|story|text)\s+)?by\s*:?\s+")
PERSON_TAIL = re.compile(
    r"(?i)\s*(?:email author|e-mail|email|follow(?: on twitter)?|twitter|@\w+|view (?:all )?(?:posts|articles).*"
    r"|\s(?:on|at)\s+(?:\d.*|(?:mon|tue|wed|thu|fri|sat|sun)\w*.*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*.*)"
    r"|\s(?:on|at)$|\s+\|.*|\s+[\u2013\u2014]\s.*|\s+-\s.*)$")
# Words of a job, not a name ("AP Auto Writer", "CNN Political Editor").
ROLE_WORD = re.compile(r"(?i)\b(?:writer|reporter|correspondent|editor|columnist|contributor|staff"
                       r"|producer|analyst|photographer|intern|critic)s?\b")
# Words of an organisation, not a person.
ORGANISATION_WORD = re.compile(r"(?i)\b(?:news|times|international|agency|press|media|network|channel"
                               r"|online|magazine|daily|tribune|herald|gazette|journal|radio|tv"
                               r"|television|group|inc|ltd|llc|team|desk|newsroom|\w+\.com)\b")
PERSON_MAX_WORDS = 6
# Besides letters, spaces and accents, what people's names are written with
# ("Jean-Luc O'Neil", "J. R. Smith", "Ahmed Karim, Jane Doe"); a byline with
# any other sign (brackets, quotes, markup, equals) names no person.
PERSON_SIGNS = frozenset(".,-'\u2019\u2010\u2011")
# "7 Hours Ago By Richard Darell": a byline closing one part of a line.
BYLINE_IN_PART = re.compile(r"\b[Bb]y\s+(?P<names>[A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]+){1,3})\s*$")
SIGNATURE = re.compile(r"(?i)^(?:posted|written|filed|published)\s+by\s+\S")
# An unlabelled byline may sit this many lines into the body's first lines.
BYLINE_BELOW_LINES = 3
# ...and one that "By" opens this many below the headline (a section's
# dated label and the headline may stand between: "Alternative Medicine
# November 5, 2012", "For Omega-3s, Fish May Beat Pills", "By NICHOLAS BAKALAR").
LABELLED_BYLINE_BELOW_LINES = 6
# Values bylines hold that name nobody.
NOT_PEOPLE = frozenset({"admin", "administrator", "guest", "anonymous", "unknown", "no primary author",
                        "editorial", "editorial staff", "web desk", "news desk"})
# A byline this long is a sentence, not a byline.
BYLINE_MAX_WORDS = 8
# What may follow the names in a byline: a place, a date, a role.
BYLINE_TAIL = re.compile(r"\s+(?:[|\u2013\u2014]|-\s)\s*.*$|,\s*(?:in|from)\s+.*$")
# A dateline's place after its first word, and the wire in parentheses with its dash.
DATELINE_REST = (r"(?:[ ,]+[\w'\u2019.-]+){0,5}?)\s*"
                 r"\((?P<wire>[A-Z][\w .&-]{1,40})\)\s*(?:--|\u2014|\u2013|-|:)\s*")
# "BAGHDAD, March 3 (Xinhua) -- ": the wire dateline that opens a story.
WIRE_DATELINE = re.compile(r"^(?P<head>[A-Z][A-Z'\u2019.-]+" + DATELINE_REST)
# The same dateline with its place written in small letters, "Washington
# (Example) --": taken only when the parentheses name an outlet of
# sources.yaml, as a place's name in parentheses reads the same way.
OUTLET_DATELINE = re.compile(r"^(?P<head>[A-Z][\w'\u2019.-]+" + DATELINE_REST)
# "新华社杭州3月12日电（记者王小明）": the wire formula that opens a Chinese
# story as "BAGHDAD, March 3 (Xinhua) --" opens an English one. The agency
# (a name ending in 社, agency, or 网, news site) or "本报" (this paper, which
# names no wire), the place, the day, 电 (wired; 讯, dispatch) and the
# reporters in brackets. The day is required, and a bracket, space or colon
# after 电: without them it is a sentence that opens with an organisation's
# name ("某合作社3月12日电费…", its electricity bill).
CJK_WIRE_DATELINE = re.compile(
    r"^[\s\u3000]*(?:(?P<wire>[\u4e00-\u9fff]{1,8}?[社网網])|本报|本報)(?P<place>[\u4e00-\u9fff]{0,8}?)"
    r"(?P<head>(?:(?:19|20)\d\d\s*年\s*)?[01]?\d\s*月\s*[0-3]?\d\s*日)\s*[电電讯訊](?=[\s\u3000（(:：])"
    r"\s*(?:[（(](?P<credit>[^）)]{1,40})[）)])?[\s\u3000:：]*")
# "（中央社記者陳美玲台北12日電）": the same formula in brackets, as Taiwan's
# agency writes it, with the reporter before the place and often the day
# alone. Where the reporter's name ends and the place begins is not written,
# so only the agency is read from it.
CJK_BRACKETED_WIRE_DATELINE = re.compile(
    r"^[\s\u3000]*[（(](?P<wire>[\u4e00-\u9fff]{1,8}?社)[\u4e00-\u9fff\s\u3000、]{0,24}?"
    r"(?P<head>(?:(?:19|20)\d\d\s*年\s*)?(?:[01]?\d\s*月\s*)?[0-3]?\d\s*日)\s*[电電讯訊][）)][\s\u3000:：]*")
# The reporters its brackets name: "记者王小明", "新华社记者 王小明 李华",
# "记者王小明、李华". A name is two to four Han characters; a part that is no
# name (通讯员 and a name, a correspondent) ends the reporters.
CJK_WIRE_REPORTERS = re.compile(r"^(?:[\u4e00-\u9fff]{1,8}?[社网網报報])?(?:记者|記者)\s*")
CJK_NAME_SEPARATOR = re.compile(r"[\s\u3000、，,]+")
CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
# "【ワシントン共同】", "【ロンドン時事】": the credit that opens a Japanese
# wire story as "WASHINGTON (Kyodo) --" opens an English one, in lenticular
# brackets: the place (older copy adds the day, "【北京12日共同】") and the
# agency, or the agency alone ("【共同】"); also in round brackets,
# "（共同）". What the brackets hold is a credit only when its end names an
# outlet of sources.yaml (name_credited_wire): a paper's own dispatch names
# its reporter there ("【ワシントン山田太郎】"), a label its topic ("【解説】").
# No space, bracket or sentence punctuation is inside a credit.
JA_CREDIT_CHARS = r"[^\s\u3000【】（）()、。，,「」]"
JA_WIRE_CREDIT_OPENING = re.compile(
    rf"^[\s\u3000]*(?:【(?P<credit>{JA_CREDIT_CHARS}{{1,20}})】|[（(](?P<bare>{JA_CREDIT_CHARS}{{1,12}})[）)])[\s\u3000]*")
# "…と述べた。（共同）": the agency in round brackets after a paragraph's last
# sentence, as a paper closes a story it runs from a wire. Right after its
# closing punctuation only: inside a sentence "（共同）" may gloss a word, and
# a picture's caption ends "…首相官邸（共同）" with no full stop, crediting the
# photograph, not the story.
JA_WIRE_CREDIT_CLOSING = re.compile(rf"(?<=[。」』！？!?])[\s\u3000]*[（(](?P<credit>{JA_CREDIT_CHARS}{{1,12}})[）)][\s\u3000]*$")
# "AFP=時事": AFP's copy as Jiji ran it in Japanese; the first agency named
# wrote the story, as "(AFP)" names it in English. Some papers set the
# place apart the same way ("【ワシントン=共同】"): a place names no agency.
JA_CREDIT_RELAY = re.compile(r"[=＝]")
# Kana, which every Japanese paragraph holds and no other language's: the
# credit forms above are Japanese ones, and "(CNN) The ..." opening an
# English paragraph is the outlet's own dateline, not a Japanese credit.
JA_KANA = re.compile("[\u3041-\u30ff]")
# The word a Japanese credit leaves off an agency's name: 通信 (news service),
# "共同" for 共同通信 (Kyodo), "時事" for 時事通信 (Jiji).
JA_AGENCY_WORD = "通信"
# ...looked for in the article's first lines: a box of highlights ("STORY
# HIGHLIGHTS" and its points) may stand above the first paragraph.
OUTLET_DATELINE_LINES = 8
# A copyright mark ("©", "(c)", "Copyright"), and the year or years after
# it ("2012", "2009-2013"): the start of every copyright line read here.
COPYRIGHT_MARK = r"(?:\u00a9|\(c\)|copyright)"
COPYRIGHT_YEARS = r"(?:19|20)\d\d(?:\s*[-\u2013]\s*(?:(?:19|20)\d\d)?)?"    # "1996-": to this day
# "© 2024 Tigris Wire. All rights reserved.", "Copyright 2023 The Levant
# Observer Media Ltd": a page naming itself in its footer.
COPYRIGHT = re.compile(
    r"^" + COPYRIGHT_MARK + r"\s*(?:\u00a9\s*)?(?:" + COPYRIGHT_YEARS + r"[,.]?\s+)?"
    r"(?P<name>[^.|,]{2,60}?)\s*(?:[.,|]|all rights reserved|$)", re.IGNORECASE)
# What a footer's "Copyright ..." line may be about instead of an owner
# ("Copyright Reserved", "Copyright Information", "Copyright Policy").
COPYRIGHT_NOT_OWNER = frozenset({"reserved", "information", "info", "notice", "notices", "policy",
                                 "protected", "statement", "terms", "infringement", "complaints"})
# "All rights reserved" as footers write it in the languages the digest
# reads ("Copyright © 2019. Все права защищены."): a phrase, never an owner.
RIGHTS_RESERVED = ("all rights reserved", "tous droits réservés", "todos los derechos reservados",
                   "alle rechte vorbehalten", "todos os direitos reservados", "tutti i diritti riservati",
                   "все права защищены", "tüm hakları saklıdır", "جميع الحقوق محفوظة", "版权所有")
CORPORATE_SUFFIX = re.compile(r"(?:\s+(?:media|group|ltd|limited|inc|llc|plc|co|corporation|holdings"
                              r"|(?:19|20)\d\d))+\.?$", re.IGNORECASE)
# Words that introduce the outlet a story was given to ("told Diyaruna").
TOLD = re.compile(r"(?:\btold|\btelling|\bsaid to|\bspeaking to|\bspoke to|\binterview with"
                  r"|\bstatement to|\bremarks to)\s+(?:the\s+)?$", re.IGNORECASE)
# ...and words that show an outlet is only being quoted ("Ikhnews quoted").
QUOTED_AFTER = re.compile(r"^\s*(?:website\s+|news\s+agency\s+|agency\s+)?"
                          r"(?:quoted|reported|reports|cited|said|says|claimed)\b", re.IGNORECASE)
QUOTED_BEFORE = re.compile(r"(?:according to|cited by|quoted by|reported by)\s+(?:the\s+)?$", re.IGNORECASE)
TOLD_CONTEXT_CHARS = 40
# Page furniture that names the site is short ("EXPLORE XINHUANET", "Sneak a
# peek at TRT Global. Share your feedback!"); longer lines are captions or
# related headlines, which name other outlets.
SITE_FURNITURE_MAX_WORDS = 12
# Words a dateline line carries besides its date and section ("date 2017-11-25 WORLD").
DATELINE_WORDS = frozenset({
    "date", "published", "updated", "posted", "on", "at", "last", "time",
    "publié", "le", "mis", "à", "jour", "publicado", "el", "actualizado", "veröffentlicht", "am",
    "aktualisiert", "em", "atualizado", "pubblicato", "il", "опубликовано", "обновлено",
    "yayınlanma", "tarihi", "güncelleme", "تاريخ", "النشر", "نشر", "في", "آخر", "تحديث",
    "发布时间", "发布", "更新"})
# A label that introduces a publication date, in the languages the digest
# reads, right before the date: "Updated Nov 06, 2012", "Publié le 12 mars".
DATE_LABEL = re.compile(
    r"(?i)(?:\b(?:published|updated|posted|last updated|first published|publié|mis à jour"
    r"|publicado|actualizado|veröffentlicht|aktualisiert|atualizado|pubblicato|aggiornato"
    r"|опубликовано|обновлено|yayınlanma tarihi|güncelleme)|تاريخ النشر|نشر في|آخر تحديث|发布时间|更新时间)"
    r"\s*(?:on|at|le|el|am|em|il|в|:)?\s*:?\s*$")
# A label that says the date after it is when the page changed, not when it
# was published ("Updated Nov 13, 2019", "Mis à jour le 12 mars 2024",
# "Last modified: ..."), in the languages DATE_LABEL reads: that date fills
# `modified`, never the publication date.
MODIFIED_WORDS = (r"(?i)(?:\b(?:updated|last updated|modified|last modified|mis à jour|actualizado|actualizada"
                  r"|aktualisiert|atualizado|atualizada|aggiornato|обновлено|güncelleme|güncellendi)"
                  r"|آخر تحديث|更新时间|更新于)")
# What joins a label to its date: "Updated on:", "Mis à jour le".
LABEL_TAIL = r"\s*(?:on|at|le|el|am|em|il|в)?\s*[:\uff1a]?\s*$"
MODIFIED_LABEL = re.compile(MODIFIED_WORDS + LABEL_TAIL)
# The labels' words anywhere in a line: what a line needs before its dates are read.
MODIFIED_HINT = re.compile(MODIFIED_WORDS)
# A label that says the date after it is the first publication, wherever
# the line stands ("First published on March 2, 2022"); "posted" is left out:
# readers' comments are posted too.
PUBLISHED_WORDS = (r"(?i)(?:\b(?:published|first published|publié|publicado|veröffentlicht|pubblicato|опубликовано"
                   r"|yayınlanma tarihi)|تاريخ النشر|发布时间)")
PUBLISHED_LABEL = re.compile(PUBLISHED_WORDS + LABEL_TAIL)
PUBLISHED_HINT = re.compile(PUBLISHED_WORDS)
SECTION_LINE_MAX_WORDS = 3
STATED_SECTION_MAX_WORDS = 6
# "・" (the Japanese middle dot) joins two sections in one label as "&"
# does ("文化・教育", culture and education; "IT・科学").
SECTION_WORD = re.compile(r"[^\W\d_][\w'\u2019.\u30fb-]*|&")
SECTION_SMALL_WORDS = frozenset({"and", "of", "the", "&", "de", "et", "y", "und", "e"})
# Page widgets that sit where a section label would.
SECTION_WIDGETS = frozenset({"text", "print", "email", "e-mail", "share", "comments", "previous", "next",
                             "index", "video", "audio", "photos", "menu", "search", "login", "log in",
                             "subscribe", "close", "more", "home", "in association with", "advertisement",
                             "sponsored", "related", "post", "news - news", "news", "all"})
SECTION_CRUMB = re.compile(r"\s*(?:/|>|\u203a|\u00bb)\s*")
SECTION_HOME = frozenset({"home", "news", "homepage", "início", "inicio", "accueil", "startseite"})
# Words this short stay in capitals when a section is normalised ("US").
ACRONYM_MAX_LETTERS = 3

# A site's name in a title line has at most this many words.
SITE_MAX_WORDS = 6

# --- Summary and derived title --------------------------------------------------

SUMMARY_MAX_CHARS = 300
# A paragraph shorter than this is a label or a teaser, not the article's first paragraph.
SUMMARY_MIN_WORDS = 8
# "Share this on WhatsApp", "Share :", "Click to share on Facebook (Opens in new window)".
SHARE_LABEL = re.compile(
    r"(?i)(?:^|\s)(?:click to )?(?:share|tweet|send|email)(?: this(?: article| story)?)?"
    r"(?: (?:on|via|with) (?:whatsapp|facebook|twitter|x|linkedin|telegram|email|pinterest|reddit)\w*)"
    r"(?: \(opens in new window\))?|^\s*(?:share|\u0634\u0627\u0631\u0643)\s*:?\s*$")
TITLE_MAX_CHARS = 90
# A derived title is cut at a clause boundary when one leaves at least this much.
TITLE_MIN_CHARS = 40
# A derived title keeps at least this many words when trailing words are cut.
DERIVED_TITLE_MIN_WORDS = 4
# A first sentence shorter than this, with more after it ("I LIVE. I LEARN.",
# a tagline's fragment), says nothing an editor could keep as a headline: no
# title is drawn from it ("Aaaaand we're back." is a post's headline; a short
# paragraph alone is a heading).
DERIVED_TITLE_LEAST_WORDS = 3
# A copyright sign ("BBC © 2012 The BBC is not responsible ..."): a
# footer's notice, no sentence of the article (the word "copyright" may be the
# story's subject).
COPYRIGHT_SIGN = re.compile(r"(?i)\u00a9|\(c\)\s*(?:19|20)\d\d")
TITLE_PHRASE_BREAK = re.compile(r"\s(?=(?:of|in|on|at|to|for|from|by|with|and|or|but|as|after|before|while|that"
                                r"|which|who|because|amid|when|where|into|over|under|about|against|between"
                                r"|during)\s)")
TITLE_CLAUSE_BREAK = re.compile(r",\s|;\s|\s(?:while|as|after|but|because|amid|when|where|which)\s")
TITLE_TRAILING_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with",
    "and", "or", "but", "nor", "that", "which", "who", "whom", "whose", "as",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "his",
    "her", "its", "their", "our", "my", "your", "this", "these", "those",
    "while", "after", "before", "than", "into", "onto", "over", "under",
    "about", "against", "between", "during", "some", "any", "no", "not",
    "said", "says", "very", "more", "most",
})
# Abbreviations whose full stop ends no sentence ("Col. Mousa", "U.S. forces").
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "col", "gen", "lt", "maj", "capt", "cpt",
    "sgt", "brig", "adm", "gov", "sen", "rep", "st", "jr", "sr", "no", "vs",
    "etc", "u.s", "u.n", "u.k", "a.m", "p.m", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est",
    "inc", "ltd", "co", "corp", "dept", "mt", "ft",
})
# A sentence ends before a capital, a digit, or a letter of a script without
# case (Arabic, Hebrew, CJK, Hangul); Cyrillic and Greek capitals count too.
# Chinese and Japanese put no space after a sentence: their fullwidth stop
# ends one right before the next character, unless a closing quote or
# bracket follows (a stop inside a quotation ends the quoted sentence, and
# the sentence quoting it goes on: "……方便多了。”他说。").
SENTENCE_BREAK = re.compile(r"[.!?\u2026\u061f\u3002]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?"
                          r"[A-Z0-9\u00c0-\u00de\u0391-\u03a9\u0410-\u042f\u0590-\u06ff\u3040-\u30ff"
                          r"\u4e00-\u9fff\uac00-\ud7af])"
                          r"|[\u3002\uff01\uff1f]+(?=[^\s\"'\u201d\u2019)\]\u300d\u300f\uff09\u3002\uff01\uff1f])")
CURLY_OPEN_QUOTE = "\u201c"
CURLY_CLOSE_QUOTE = "\u201d"
ELLIPSIS = "\u2026"
TITLE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014-]\s+")
EDGE_QUOTES = re.compile(r'(?<!\w)["\u201c\u201d]|["\u201c\u201d](?!\w)')
SPACES = re.compile(r"\s+")

OVERRIDE_FIELDS = {
    "title": "title", "date": "date", "source": "source", "author": "author",
    "section": "section", "category": "section", "summary": "summary", "url": "source_url",
    "source_url": "source_url", "lang": "lang", "publisher": "publisher",
    "editor": "editor", "approved": "approved",
}
# Flags for a value an editor or a page gave that cannot be published: the
# build names the file and the value in a warning.

# Flags an editor's value settles.
FLAGS_SETTLED = {
    "title": frozenset({"title-derived", "no-title"}),
    "date": frozenset({"no-date", "date-inferred"}),
    "source": frozenset({"no-source", "source-inferred"}),
}


# --- Outlets --------------------------------------------------------------------

def read_outlet(name: str, entry: Mapping[str, Any] | None) -> Outlet:
    """One sources.yaml entry in; an Outlet out (ValueError on an unknown kind or key)."""
    entry = entry or {}
    kind = entry.get("kind", "outlet")
    if kind not in OUTLET_KINDS:
        raise ValueError(f"outlet {name!r}: kind {kind!r} is not one of {sorted(OUTLET_KINDS)}")
    unknown = set(entry) - {"kind", "aliases", "timezone", "domains"}
    if unknown:
        raise ValueError(f"outlet {name!r}: unknown keys {sorted(unknown)}")
    zone = entry.get("timezone")
    if zone is not None and read_zone(zone) is None:
        raise ValueError(f"outlet {name!r}: unknown time zone {zone!r}")
    aliases = tuple(dict.fromkeys(str(alias) for alias in (name, *(entry.get("aliases") or ()))))
    domains = tuple(str(domain).lower().removeprefix("www.") for domain in entry.get("domains") or ())
    return Outlet(name=name, kind=kind, aliases=aliases, timezone=zone, domains=domains)


def build_outlets(data: Mapping) -> Outlets:
    """Parsed sources.yaml mapping in; compiled Outlets out (ValueError on clashes)."""
    entries = (data or {}).get("outlets") or {}
    outlets = {str(name): read_outlet(str(name), entry) for name, entry in entries.items()}
    by_domain: dict[str, str] = {}
    for outlet in outlets.values():
        for domain in outlet.domains:
            other = by_domain.setdefault(domain, outlet.name)
            if other != outlet.name:
                raise ValueError(f"domain {domain!r} names both {other!r} and {outlet.name!r}")
    aliases = [(alias, outlet.name, False) for outlet in outlets.values() for alias in outlet.aliases]
    return Outlets(outlets=outlets, matchers=compile_matchers(aliases), by_domain=by_domain)


def read_zone(name: str) -> ZoneInfo | None:
    """IANA zone name in; its ZoneInfo, or None when unknown, out."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def name_outlet(text: str, outlets: Outlets) -> str | None:
    """A whole written name ("SOURCE:AFP" -> "AFP") in; the outlet's canonical name or None out."""
    for _, lookup, fold in outlets.matchers:
        name = lookup.get(normalise_alias(text, fold))
        if name is not None:
            return name
    return None


def find_domain_outlet(url: str, outlets: Outlets) -> str | None:
    """URL or domain in; the outlet serving it (parent domains count) or None out."""
    host = (urlsplit(url).hostname if "//" in url else url.split("/")[0]) or ""
    parts = host.lower().removeprefix("www.").split(".")
    for index in range(len(parts) - 1):
        name = outlets.by_domain.get(".".join(parts[index:]))
        if name is not None:
            return name
    return None


# --- Dates ----------------------------------------------------------------------

def find_dates(text: str) -> list[FoundDate]:
    """Text in; every date written in it, the longest reading where two overlap, in order, out."""
    if not DIGIT.search(text):
        return []        # every date form has a digit: most lines are skipped here
    return list(read_dates(text))


@functools.lru_cache(maxsize=DATES_KEPT)
def read_dates(text: str) -> tuple[FoundDate, ...]:
    """Text with a digit in; find_dates' answer, kept for the texts seen last."""
    has_year = YEAR_WRITTEN.search(text) is not None
    has_month = MONTH_WRITTEN.search(text) is not None
    found = []
    lowered = text.lower()
    for name, pattern in DATE_PATTERNS:
        needs_year, needs_month = FORM_NEEDS[name]
        if (needs_year and not has_year) or (needs_month and not has_month):
            continue     # the form cannot match: its long pattern is not run
        if name == "day-month-year-intl" and INTL_WORDS.isdisjoint(INTL_WORD.findall(lowered)):
            continue     # no month name of another language: the long alternation is not run
        if name == "year-month-day-cjk" and "\u5e74" not in text:
            continue
        if name == "month-day-cjk" and "\u6708" not in text:
            continue     # no 月 (month): the CJK day cannot match
        for match in pattern.finditer(text):
            parsed = read_date_match(name, match)
            if parsed is not None:
                found.append(parsed)
    found.sort(key=lambda item: (item.start, -(item.end - item.start)))
    dates: list[FoundDate] = []
    for item in found:
        if not dates or item.start >= dates[-1].end:
            dates.append(item)
    return tuple(dates)


def read_date_match(form: str, match: re.Match[str]) -> FoundDate | None:
    """A DATE_FORMS match in; the date it names, or None when it is no real date, out."""
    groups = match.groupdict()
    month_name = groups.get("month_name")
    day = int(groups["day"]) if groups.get("day") else None
    if month_name is not None:
        if month_name.lower() in MONTH_WORDS and month_name.islower():
            return None
        month = MONTHS.get(month_name.lower()) or INTL_MONTHS[month_name.lower()]
    elif groups.get("former"):
        first, second = int(groups["former"]), int(groups["latter"])
        if first <= 12 and second <= 12 and first != second:
            return None              # day and month could be either way round
        day, month = (first, second) if first > 12 else (second, first)
    else:
        month = int(groups["month"])
    year = int(groups["year"]) if groups.get("year") else None
    try:
        # 2000 is a leap year: February 29th passes; a written day or year of 0
        # ("2024-01-0") is no date
        date(2000 if year is None else year, month, 1 if day is None else day)
        clock = read_clock(groups)
    except ValueError:
        return None
    weekday = groups.get("weekday")
    cjk_weekday = groups.get("cjk_weekday_ja") or groups.get("cjk_weekday_zh")
    return FoundDate(start=match.start(), end=match.end(), form=form, text=match.group(),
                     year=year, month=month, day=day, clock=clock,
                     weekday=WEEKDAYS[weekday.lower()] if weekday else
                     CJK_WEEKDAYS[cjk_weekday] if cjk_weekday else None)


def read_clock(groups: Mapping[str, str | None]) -> time | None:
    """Named groups of a date match in; the time of day, with its zone when given, out."""
    hour_text = groups.get("hour") or groups.get("cjk_hour")
    if not hour_text:
        return None
    hour = int(hour_text)
    ampm = (groups.get("ampm") or CJK_HALVES.get(groups.get("cjk_half") or "") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return time(hour, int(groups.get("minute") or groups.get("cjk_minute") or 0), int(groups.get("second") or 0),
                tzinfo=read_offset(groups.get("zone")))


def read_offset(zone: str | None) -> timezone | ZoneInfo | None:
    """Zone text ("Z", "+0800", "GMT+3", "UTC", "EST", "ET") in; a fixed-offset timezone, a region's zone or
    None out."""
    if not zone:
        return None
    zone = zone.upper().replace(" ", "")
    if zone in {"Z", "UTC", "GMT"}:
        return timezone.utc
    if zone in ZONE_NAMES:
        named = ZONE_NAMES[zone]
        return ZoneInfo(named) if isinstance(named, str) else timezone(timedelta(hours=named))
    match = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d\d)?", zone)
    if match is None:
        return None
    sign = -1 if match.group(1) == "-" else 1
    return timezone(sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0)))


def render_date(day: date, clock: time | None, zone: ZoneInfo | None) -> str:
    """Day, time of day and fallback zone in; an ISO 8601 string, with time and zone when known, out."""
    if clock is None:
        return day.isoformat()
    moment = datetime.combine(day, clock)
    if moment.tzinfo is None and zone is not None:
        moment = moment.replace(tzinfo=zone)
    return moment.isoformat()


def render_found(found: FoundDate, zone: ZoneInfo | None) -> str:
    """A full FoundDate and fallback zone in; its ISO 8601 string out."""
    return render_date(date(found.year, found.month, found.day), found.clock, zone)


def read_iso(text: str, zone: ZoneInfo | None) -> str | None:
    """A date or timestamp as page metadata or an editor writes it in; ISO 8601 or None out."""
    text = str(text).strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        full = [found for found in find_dates(text) if found.is_full]
        return render_found(full[0], zone) if full else None
    if len(text) <= len("2017-11-25"):
        return moment.date().isoformat()
    return render_date(moment.date(), moment.timetz(), zone)


def find_full_date(lines: Iterable[Line], datelines_only: bool, modified: bool = False) -> FoundDate | None:
    """Lines in; the first full date on them that is not labelled as a change ("Updated Nov 13, 2019"), or the
    first that is, if asked (on lines that read as datelines only, if asked) out."""
    for line in lines:
        if datelines_only and not is_dateline(line.text):
            continue
        for found in find_dates(line.text):
            if found.is_full and bool(MODIFIED_LABEL.search(line.text[:found.start])) == modified:
                return found
    return None


@functools.lru_cache(maxsize=DATES_KEPT)
def is_dateline(text: str) -> bool:
    """A line in; True when it holds a full date and little else ("Posted on 25 Nov 2017") out.

    Kept for the lines seen last: a page asks it of each candidate headline and of its neighbours."""
    if not YEAR_WRITTEN.search(text):
        return False
    if count_plain_words(text) > DATELINE_MAX_OTHER_WORDS + DATE_MAX_WORDS * len(DIGIT_RUN.findall(text)):
        return False     # more words than its dates could take: its dates are not read
    dates = [found for found in find_dates(text) if found.is_full]
    if not dates:
        return False
    return len(find_dateline_words(text)) <= DATELINE_MAX_OTHER_WORDS


def count_plain_words(text: str) -> int:
    """A line in; its words that find_dateline_words keeps when no date is taken out of them."""
    return sum(len(split_dateline_words(value)) for key, value in split_parts(text) if not key)


def find_dateline_words(text: str) -> list[str]:
    """A dateline in; its words besides dates, "key: value" parts and dateline words out."""
    words = []
    for key, value in split_parts(text):
        if key:
            continue
        for found in reversed(find_dates(value)):
            value = value[:found.start] + " " + value[found.end:]
        words += split_dateline_words(value)
    return words


def split_dateline_words(value: str) -> list[str]:
    """A line's part with no key in; its words besides dateline words ("Posted", "on") out."""
    return [word for word in DATELINE_WORD_SEPARATOR.split(value) if word and word.lower() not in DATELINE_WORDS]


def find_latest_date(texts: Iterable[str]) -> date | None:
    """Texts in; the latest date they mention with its year (a month counts as its 1st) out."""
    latest = None
    for text in texts:
        for found in find_dates(text):
            if found.year is not None:
                day = date(found.year, found.month, found.day or 1)
                latest = day if latest is None or day > latest else latest
    return latest


def infer_year(found: FoundDate, weekday: int | None, after: date | None) -> date | None:
    """A date without a year, its weekday and the latest date the text mentions in; the day it must be, or None, out."""
    if weekday is None or after is None:
        return None
    for year in range(after.year, after.year + INFERENCE_MAX_YEARS + 1):
        try:
            day = date(year, found.month, found.day)
        except ValueError:
            continue
        if day >= after and day.weekday() == weekday:
            return day
    return None


def match_wire_dateline(lead: str) -> re.Match[str] | None:
    """The story's first paragraph in; the wire dateline opening it, English ("BAGHDAD, March 3 (Xinhua) --")
    or Chinese ("新华社杭州3月12日电（记者王小明）", "（中央社記者陳美玲台北12日電）"), or None out."""
    return WIRE_DATELINE.match(lead) or CJK_WIRE_DATELINE.match(lead) or CJK_BRACKETED_WIRE_DATELINE.match(lead)


def find_wire_reporters(lead: str) -> str | None:
    """The story's first paragraph in; the reporters a Chinese wire formula's brackets name ("王小明, 李华"), or
    None out."""
    dateline = CJK_WIRE_DATELINE.match(lead)
    credit = dateline.group("credit") if dateline else None
    label = CJK_WIRE_REPORTERS.match(credit) if credit else None
    if label is None:
        return None                    # brackets that name no reporter say nothing of who wrote it
    names = []
    for part in CJK_NAME_SEPARATOR.split(credit[label.end():]):
        if not CJK_NAME.fullmatch(part):
            break                      # "通讯员李华", a correspondent: the reporters end here
        names.append(part)
    return ", ".join(names) or None


def name_credited_wire(credit: str, outlets: Outlets) -> str | None:
    """What a Japanese wire credit's brackets hold ("ワシントン共同", "パリAFP=時事") and the known outlets in; the
    agency it ends with, or None out."""
    for part in JA_CREDIT_RELAY.split(credit):
        for start in range(len(part)):
            if start and part[start - 1].isascii() and part[start - 1].isalnum() and part[start].isascii():
                continue               # inside a Latin word: "RT" is no agency in "PART"
            tail = part[start:]
            named = name_outlet(tail, outlets) or name_outlet(tail + JA_AGENCY_WORD, outlets)
            if named:
                return named
    return None


def find_japanese_wire_credit(paragraph: str, outlets: Outlets, opening: bool = True) -> tuple[str, int, int] | None:
    """An article paragraph and the known outlets (and whether a credit opening it counts) in; (the agency, start,
    end) of the Japanese wire credit opening ("【ワシントン共同】") or closing ("…と述べた。（共同）") it, or None
    out."""
    if not JA_KANA.search(paragraph):
        return None
    for match in (JA_WIRE_CREDIT_OPENING.match(paragraph) if opening else None,
                  JA_WIRE_CREDIT_CLOSING.search(paragraph)):
        credit = match and (match.group("credit") or match.groupdict().get("bare"))
        named = name_credited_wire(credit, outlets) if credit else None
        if named:
            return named, match.start(), match.end()
    return None


def strip_japanese_wire_credit(paragraph: str, outlets: Outlets) -> str:
    """An article paragraph and the known outlets in; it without a Japanese wire credit at its start or end out."""
    found = find_japanese_wire_credit(paragraph, outlets)
    return paragraph[:found[1]] + paragraph[found[2]:] if found else paragraph


def find_lead_date(lead: str) -> tuple[FoundDate | None, int | None]:
    """First sentences of the story in; the date its dateline or lead names, and the weekday named with it, out."""
    dateline = match_wire_dateline(lead)
    for found in find_dates(dateline.group("head") if dateline else ""):
        if found.form != "month-year":        # "BAGHDAD, March 3 (Xinhua) --": the day of writing
            named = WEEKDAY_WORD.search(lead[:LEAD_CHARS])
            return found, found.weekday if found.weekday is not None else (
                WEEKDAYS[named.group().lower()] if named else None)
    for found in find_dates(lead[:LEAD_CHARS]):
        # "said Monday (February 10th)" dates the story; a bare "January 30th"
        # or "on November 24, 2017, troops..." is an event in it.
        if found.weekday is not None and not found.is_full and found.form != "month-year":
            return found, found.weekday
    return None, None


def extract_date(roles: Mapping[str, list[Line]], page_meta: Mapping[str, Any], lead: str,
                 context: Iterable[str], zone: ZoneInfo | None, url: str = "",
                 headline: Line | None = None,
                 lines: Iterable[Line] = ()) -> tuple[str | None, str | None, str | None]:
    """Lines by role, page metadata, the lead, the article's texts, its URL, and a copied page's headline line
    and raw lines in; (ISO date, why it was inferred, the evidence) out."""
    if page_meta.get("date"):
        stamped = read_iso(page_meta["date"], zone)
        if stamped is not None:
            return stamped, None, str(page_meta.get("date_from") or "page metadata")
    # The publication date sits with the headline: a date far from the body's
    # start belongs to a comment, a related story or the page's clock.
    near = near_headline(roles)
    if headline is not None:
        # A copied page's date line stands right below its headline, whatever
        # role the cleaner gave it; a date near a body the cleaner misplaced
        # belongs to the related stories it took instead.
        for line in lines:
            if 0 < line.number - headline.number <= DATE_BELOW_LINES:
                role = next((role for role in ("dateline", "byline") if line in roles[role]), None)
                found = find_full_date([line], datelines_only=role is None)
                if found is not None:
                    return render_found(found, zone), None, role or "date line"
    found = find_full_date([line for line in roles["dateline"] if near(line)], datelines_only=False)
    if found is not None:
        return render_found(found, zone), None, "dateline"
    found = find_full_date([line for line in roles["byline"] if near(line)], datelines_only=False)
    if found is not None:
        return render_found(found, zone), None, "byline"
    # A date line the cleaner kept as a subheading of the body's first lines
    # ("Текст: Венера Ерофеева · 24 сентября 2018") is still a date line.
    first_body = roles["body"][:DATE_BELOW_LINES + 1]
    found = find_full_date([line for line in roles["other"] if near(line)] + first_body,
                           datelines_only=True)
    if found is not None:
        return render_found(found, zone), None, "date line"
    # A date the page labels ("Politics news, Updated Nov 06, 2012 at 10:16pm
    # IST") on a longer line glued to the headline or standfirst.
    found = find_labelled_date([line for role in ("title", "standfirst", "other")
                                for line in roles[role] if near(line)])
    if found is not None:
        return render_found(found, zone), None, "date line"
    # "Updated on: March 2, 2022" with the headline, "First published on
    # March 2, 2022 / 7:40 AM" at the story's foot: the first publication,
    # wherever the page states it on a date line of its own.
    for line in (line for lines in roles.values() for line in lines):
        if (len(line.text.split()) <= SOURCE_CREDIT_MAX_WORDS and YEAR_WRITTEN.search(line.text)
                and PUBLISHED_HINT.search(line.text)):
            found = next((found for found in find_dates(line.text) if found.is_full
                          and PUBLISHED_LABEL.search(line.text[:found.start])), None)
            if found is not None:
                return render_found(found, zone), None, "date line"
    found, weekday = find_lead_date(lead)
    if found is not None and found.is_full:
        return render_found(found, zone), None, "lead"
    from_url = find_url_date(url)
    if from_url is not None:
        return from_url, None, "url"
    if found is None:
        return None, None, None
    latest = find_latest_date(context)
    day = infer_year(found, weekday, latest)
    if day is None:
        return None, None, None
    return day.isoformat(), (f"year inferred from {found.text.strip()!r} falling on a "
                             f"{day.strftime('%A')} after the latest date in the text ({latest})"), "lead, year inferred"


def extract_modified(roles: Mapping[str, list[Line]], page_meta: Mapping[str, Any], zone: ZoneInfo | None,
                     headline: Line | None = None, lines: Iterable[Line] = ()) -> str | None:
    """Lines by role, page metadata, and a copied page's headline line and raw lines in; the day the page says
    it was changed ("Updated Nov 13, 2019, 10:28am EST"), as ISO 8601, or None out.

    Looked for where the publication date is: below the headline, on the
    date and byline lines, and on the lines with the headline.
    """
    if page_meta.get("modified"):
        return read_iso(page_meta["modified"], zone)
    near = near_headline(roles)
    candidates = [line for line in lines if headline is not None
                  and 0 < line.number - headline.number <= DATE_BELOW_LINES]
    candidates += [line for role in ("dateline", "byline", "title", "standfirst", "other")
                   for line in roles[role] if near(line)] + roles["body"][:DATE_BELOW_LINES + 1]
    # Most lines hold no such label: one search instead of every date form's. The year
    # first: its search costs a tenth of the label's and passes one line in thirteen.
    labelled = [line for line in candidates if YEAR_WRITTEN.search(line.text) and MODIFIED_HINT.search(line.text)]
    found = find_full_date(labelled, datelines_only=False, modified=True)
    return render_found(found, zone) if found is not None else None


def find_labelled_date(lines: Iterable[Line]) -> FoundDate | None:
    """Lines in; the first full date a publication label introduces at a line's end ("..., Updated Nov 06,
    2012 at 10:16pm IST"), or None; a date a caption's sentence goes on after is the photo's."""
    for line in lines:
        if not YEAR_WRITTEN.search(line.text):
            continue                  # no year, no full date: most lines are skipped here
        for found in find_dates(line.text):
            after = re.findall(r"\w+", line.text[found.end:].casefold())
            if (found.is_full and DATE_LABEL.search(line.text[:found.start])
                    and not MODIFIED_LABEL.search(line.text[:found.start])
                    and all(word in CLOCK_WORDS for word in after)):
                return found
    return None


def near_headline(roles: Mapping[str, list[Line]]):
    """Lines by role in; a test of whether a line sits with the headline (above the body, or in its first lines)."""
    numbers = [line.number for line in roles["body"] if line.number > 0]
    first = numbers[0] if numbers else None
    # Right below a headline line counts too: a teaser the cleaner kept moves
    # the body's start above the headline, not the date away from it.
    # So does a date line right above one ("Alternative Medicine November 5,
    # 2012" over "For Omega-3s, Fish May Beat Pills").
    headlines = [line.number for line in roles["title"] if line.number > 0]
    return lambda line: (line.number == 0 or first is None
                         or first - HEADLINE_WINDOW <= line.number <= first + DATE_BELOW_LINES
                         or any(-DATE_ABOVE_LINES <= line.number - number <= DATE_BELOW_LINES
                                and line.number != number for number in headlines))


def find_url_date(url: str) -> str | None:
    """An article's URL in; the day its path states ("/2019/03/03/", "/2019-03-03-slug"), or None."""
    match = URL_DATE.search(urlsplit(url).path) if url else None
    if match is None:
        return None
    try:
        return date(int(match.group("year")), int(match.group("month")), int(match.group("day"))).isoformat()
    except ValueError:
        return None


# --- People, sources, sections -----------------------------------------------------

def split_parts(text: str) -> list[tuple[str, str]]:
    """A metadata line in; its (lower-case key, value) parts out; a part with no key gets key ""."""
    parts = []
    pieces = LINE_PARTS.split(text.strip())
    if "\uff1a" in text or not text.isascii():
        pieces = [piece for part in pieces for piece in CJK_KEY_START.split(part)]
    for part in pieces:
        match = KEY_VALUE.match(part) or CJK_KEY_VALUE.match(part)
        if match:
            parts.append((match.group("key").strip().lower(), match.group("value").strip()))
        elif part:
            parts.append(("", part))
    return parts


def find_keyed(lines: Iterable[Line], keys: frozenset[str]) -> str | None:
    """Lines in; the first value written under one of `keys` ("Editor: xuxin") out."""
    for line in lines:
        if ":" not in line.text and "\uff1a" not in line.text:
            continue         # no "key: value" part (KEY_VALUE): most lines
        for key, value in split_parts(line.text):
            if key in keys and value:
                return value
    return None


# Words a byline puts between its names and the date that follows them
# ("By Umair Irfan Updated Nov 13, 2019", "By Brantley Hargrove Thu., Aug. 9
# 2012 at 1:00 PM"): never the end of a name.
BYLINE_DATE_WORDS = frozenset({"updated", "published", "posted", "on", "at", "last", "date", "time",
                               "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
                               "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def clean_names(names: str) -> str:
    """Names from a byline in; without a trailing place, date or role out."""
    names = BYLINE_TAIL.sub("", names.strip())
    for found in find_dates(names):
        names = names[:found.start]
    words = names.split()
    number = next((i for i, word in enumerate(words) if any(ch.isdigit() for ch in word)), None)
    if number is not None:           # a date the forms do not read ("Aug. 9 2012") ends the names too
        words = words[:number]
        if words and words[-1].strip(".,").lower() in MONTHS:
            words.pop()
    while len(words) > 1 and words[-1].strip(".,;:").lower() in BYLINE_DATE_WORDS:
        words.pop()
    return " ".join(words).strip(" ,;:-\u2013\u2014")


def find_desk_byline(text: str) -> str | None:
    """A line in; the reporters a Japanese desk byline names ("社会部 山田花子", "（政治部・山田花子）",
    "山田花子記者"), or None out."""
    match = JA_DESK_BYLINE.match(text)
    least = JA_NAME_CHARS[0]
    if match is None:
        match = JA_REPORTER_BYLINE.match(text)
        least = JA_SUFFIX_NAME_MIN_CHARS
    elif match.group("desk").startswith(JA_PICTURE_DESKS):
        return None                    # a photographer's credit
    if match is None:
        return None
    names = [SPACES.sub("", name) for name in JA_NAME_SEPARATOR.split(match.group("names"))]
    if any(not least <= len(name) <= JA_NAME_CHARS[1] or name.endswith(JA_UNIT_ENDINGS) for name in names):
        return None                    # no name, or a unit's ("編集局"): nobody is named
    return ", ".join(names)


def is_cjk_byline(text: str) -> bool:
    """A line in; True when a Chinese or Japanese byline's label or desk ("记者 王小明", "社会部 山田花子") names
    its reporters: no capitals mark a name in those scripts, the label is the evidence."""
    text = text.strip()
    return bool(CJK_BYLINE.match(text) or find_desk_byline(text))


def find_byline(line: Line) -> str | None:
    """A line in; the names its byline gives ("By Jane Doe", "Author: Jane Doe", "Design | 7 Hours Ago By Jane Doe"), or None."""
    text = line.text.strip()
    match = BYLINE.match(text)
    if match:
        return clean_names(match.group("names"))
    match = CJK_BYLINE.match(text)
    if match:
        return ", ".join(match.group("names").split())
    desk = find_desk_byline(text)
    if desk:
        return desk
    value = find_keyed([line], AUTHOR_KEYS)
    if value is None:
        for _, part in split_parts(text):
            inner = BYLINE_IN_PART.search(part)
            if inner:
                return inner.group("names")
    if value is None and line.role == "byline" and not find_keyed([line], EDITOR_KEYS):
        value = clean_names(text)
    return value


def clean_person(name: str, outlets: Outlets) -> str | None:
    """A name as a byline or page metadata writes it in; the person's name alone, or None when it names no person, out.

    "Elizabeth Chuck, NBC News" -> "Elizabeth Chuck"; "Jason Paur Email
    Author" -> "Jason Paur"; "Finian Cunningham. Sputnik International" ->
    "Finian Cunningham"; a staff username ("xuxin") or a desk is no person.
    """
    name = SPACES.sub(" ", re.split(r"(?i)<br\s*/?>", name)[0]).strip()
    name = BYLINE_PREFIX.sub("", name)
    name = PERSON_TAIL.sub("", name).strip(" ,;:.-\u2013\u2014")
    head, dot, tail = name.partition(". ")
    if dot and " " in head and (name_outlet(tail, outlets) or ORGANISATION_WORD.search(tail)):
        name = head                     # "Finian Cunningham. Sputnik International"
    parts = [part.strip() for part in name.split(",")]
    while len(parts) > 1 and (ROLE_WORD.search(parts[-1]) or name_outlet(parts[-1], outlets)
                              or ORGANISATION_WORD.search(parts[-1])):
        parts.pop()                     # "Peter Hamby, CNN Political Reporter"
    name = ", ".join(parts).strip(" ,;:.")
    untitled = JOB_TAIL.sub("", name)
    if untitled != name and len(untitled.split()) >= 2 and "," not in name:
        name = untitled                 # "Meg James Staff Writer"
    words = name.split()
    if not words or len(words) > PERSON_MAX_WORDS or any(ch.isdigit() for ch in name):
        return None
    if not all(ch.isalpha() or ch.isspace() or ch in PERSON_SIGNS or unicodedata.category(ch)[0] == "M"
               for ch in name):
        return None                     # markup, quotes or brackets: no person's name
    # a Chinese name is two to four characters and unspaced; in a spaced script two letters are no name
    if len(words) == 1 and (name.islower() or len(name) < (2 if UNSPACED.match(name) else 3)):
        return None                     # a username or a stray word ("by")
    if name.lower() in NOT_PEOPLE or ORGANISATION_WORD.search(name) and not ROLE_WORD.search(name):
        return None
    return name


def is_byline_length(text: str) -> bool:
    """A line in; True when, without the dates in it, it is no longer than a byline."""
    words = len(text.split())
    return words <= BYLINE_MAX_WORDS or (
        words <= 2 * BYLINE_MAX_WORDS and len(strip_dates(text).split()) <= BYLINE_MAX_WORDS)


def strip_dates(text: str) -> str:
    """A line in; the same without the dates written in it ("By Jane Doe November 19, 2019, 07:47 PM")."""
    for found in reversed(find_dates(text)):
        text = text[:found.start] + " " + text[found.end:]
    return text


def looks_like_names(text: str) -> bool:
    """Byline text in; True when every word is capitalised or a name particle ("Khalid al-Taie") out."""
    words = re.split(r"[\s,]+", text.strip())
    return bool(words) and all(word[:1].isupper() or word.lower() in NAME_LINKS
                               or word.lower().startswith(("al-", "el-")) for word in words if word)


# What follows a name only in a byline: the author's handle ("Natasha Turak
# @NatashaTurak") or a link to the author's page ("Marcus De Guzman View More
# Articles").
AUTHOR_SIGN = re.compile(r"(?i)\s+(?:@\w+\b.*|view (?:all|more) (?:posts|articles|stories)\b.*|"
                         r"(?:all|more) (?:posts|articles|stories) by\b.*)$")
# A job title after a name with no comma ("By Meg James Staff Writer"): up
# to two words saying which job, then the job.
JOB_TAIL = re.compile(r"(?:\s+(?:staff|senior|chief|political|contributing|special|national|foreign"
                      r"|business|sports|science|health|tech|technology|associate|managing|deputy"
                      r"|executive|investigative|entertainment|city|metro|news|ap|auto)){0,2}"
                      r"\s+(?:writer|reporter|correspondent|editor|columnist|contributor|producer"
                      r"|photographer)s?$", re.IGNORECASE)
# A name that opens with an article ("The Well Quiz") is a column's or a
# site's, never a person's.
ARTICLE_WORDS = frozenset({"the", "a", "an", "les", "los", "las", "der", "die", "das"})


def find_headline_byline(headline: Line | None, lines: Iterable[Line]) -> tuple[str, Line] | None:
    """A copied page's headline line and its raw lines in; the names a byline right below the headline gives,
    and its line, or None.

    The byline stands with the headline, whatever role the cleaner gave it
    (it may have taken a teaser or a video transcript for the body's start):
    "By J.D. BIERSDORFER", "by Jon Bruner | @JonBruner | Comment", a name
    and the date alone ("Chris Davies - Nov 19, 2019, 10:31 pm CST"), a
    name with its handle or author link, or a name alone right above the
    date line ("VICTOR TANGERMANN, FUTURISM" over "18 NOV 2019").
    """
    if headline is None:
        return None
    lines = list(lines)
    by_number = {line.number: line for line in lines}
    below = [line for line in lines if 0 < line.number - headline.number <= BYLINE_BELOW_LINES]
    # A labelled byline ("By NICHOLAS BAKALAR"), a few lines further down
    # too, wins over a guess from a name beside a date: "Alternative Medicine
    # November 5, 2012" is a section's label and its date.
    labelled = [line for line in lines if 0 < line.number - headline.number <= LABELLED_BYLINE_BELOW_LINES
                and (BYLINE.match(line.text.strip()) or find_keyed([line], AUTHOR_KEYS) or is_cjk_byline(line.text))]
    for line in labelled + [line for line in below if line not in labelled]:
        text = line.text.strip()
        first = LINE_PARTS.split(text)[0]
        after = by_number.get(line.number + 1)
        dated_below = after is not None and is_dateline(after.text) and not is_dateline(text)
        cjk = is_cjk_byline(text)
        if not is_byline_length(first) or line.role in BODY_ROLES and not (
                BYLINE.match(text) or AUTHOR_SIGN.search(first) or cjk):
            continue                  # a short "By ..." line the cleaner kept as body is still a byline
        if BYLINE.match(text) or BYLINE_IN_PART.search(text) or find_keyed([line], AUTHOR_KEYS) or cjk:
            value = find_byline(line)
        elif (any(found.is_full for found in find_dates(text)) or AUTHOR_SIGN.search(first)
              or dated_below and line.role not in BODY_ROLES and len(text.split()) <= BYLINE_MAX_WORDS // 2):
            value = clean_names(AUTHOR_SIGN.sub("", first))
            words = value.split()
            if (len(words) < 2 or words[0].lower() in ARTICLE_WORDS
                    or any(word.lower() in DATELINE_WORDS for word in words)):
                continue              # "Nissan November 20, 2019", "The Well Quiz November 6, 2012": a label
        else:
            continue
        if value and (looks_like_names(value) or cjk):
            return value, line
    return None


# What cuts a page's title line into parts, besides SITE_SEPARATOR's: "//".
TITLE_LINE_PARTS = re.compile(r"\s+(?:[|\u2013\u2014\u00ab\u00bb\u00b7:-]|--|::|//)\s+")


def find_title_line_byline(lines: Iterable[Line]) -> str | None:
    """Raw lines in; the names a part of a text dump's opening title line gives ("Shaping a feature // by Paul
    Rouget"), or None."""
    opening = next(iter(lines), None)
    if opening is None:
        return None
    for part in TITLE_LINE_PARTS.split(opening.text.strip())[1:]:
        match = BYLINE.match(part.strip())
        if match and len(part.split()) <= BYLINE_MAX_WORDS // 2 + 1:
            value = clean_names(match.group("names"))
            if len(value.split()) >= 2 and looks_like_names(value):
                return value
    return None


def extract_people(roles: Mapping[str, list[Line]], page_meta: Mapping[str, Any],
                   outlets: Outlets, headline: Line | None = None,
                   lines: Iterable[Line] = ()) -> tuple[str | None, str | None, str | None, int]:
    """Lines by role, page metadata, and a copied page's headline line and raw lines in; (author, editor, wire
    named as author, the number of the body line the byline was read from or 0) out."""
    editor = find_keyed(roles["dateline"] + roles["credit"] + roles["byline"] + roles["other"], EDITOR_KEYS)
    if editor is None:
        edited = [EDITED_BY.match(line.text.strip()) for line in roles["other"]]
        editor = next((clean_names(match.group("names")) for match in edited if match), None)
    authors = page_meta.get("authors") or page_meta.get("author")
    if isinstance(authors, str):
        authors = [authors]
    names = [str(name).strip() for name in authors or () if str(name).strip()]
    byline_line = 0
    if not names:
        found = find_headline_byline(headline, lines)
        if found and found[1].role in BODY_ROLES:
            byline_line = found[1].number     # the cleaner kept it as body: a byline, not article text
        below = found[0] if found else find_title_line_byline(lines)
        names = [below] if below else []
    if not names:
        # An unlabelled byline sits with the headline, above the body: a "By"
        # line further down belongs to a comment or a related story.
        numbers = [line.number for line in roles["body"] if line.number > 0]
        first_body, last_body = (min(numbers), max(numbers)) if numbers else (0, 0)
        candidates = roles["byline"] + [
            line for line in roles["other"] if (not first_body or line.number <= first_body + BYLINE_BELOW_LINES)
            and is_byline_length(line.text)] + [
            # "Monday November 18, 2019 7:45 am PST by Joe Rossignol": a dateline that ends in its byline
            line for line in roles["dateline"] if BYLINE_IN_PART.search(line.text.strip())] + [
            line for line in roles["body"][:BYLINE_BELOW_LINES + 1]
            if BYLINE.match(line.text.strip()) and is_byline_length(line.text)]
        # A blog signs its post right below it ("Posted by Jane Doe on ..."),
        # a Japanese paper its story ("（政治部・山田花子）").
        candidates += [line for line in roles["other"] if last_body < line.number <= last_body + BYLINE_BELOW_LINES
                       and (SIGNATURE.match(line.text.strip()) or find_desk_byline(line.text.strip()))]
        for line in candidates:
            value = find_byline(line)
            if value and (line.role == "byline" or looks_like_names(value) or is_cjk_byline(line.text)):
                names = [value]
                break
    wire = None
    kept = []
    for name in names:
        head, _, tail = name.rpartition(",")
        if name_outlet(name, outlets):
            wire = wire or name_outlet(name, outlets)    # "By AFP" names the wire, not a person
            continue
        name = clean_person(name, outlets) or ""
        if not name:
            continue
        if name_outlet(name, outlets):
            wire = wire or name_outlet(name, outlets)    # "By AFP" names the wire, not a person
        elif head and name_outlet(tail.strip(), outlets):
            wire = wire or name_outlet(tail.strip(), outlets)
            kept.append(head.strip())
        else:
            kept.append(name.title() if name.isupper() else name)   # "BY JOHN SMITH"
    if any(not ROLE_WORD.search(name) for name in kept):
        kept = [name for name in kept if not ROLE_WORD.search(name)]   # "Peter Hamby", "CNN Political Reporter"
    if editor is not None and kept and kept == [editor]:
        kept = []
    if editor is not None and clean_person(editor, outlets) is None:
        editor = None                  # a staff username ("Editor: xuxin") is shown to nobody
    if not kept:
        byline_line = 0
    return (", ".join(kept) or None), editor, wire, byline_line


def extract_source(roles: Mapping[str, list[Line]], lead: str,
                   outlets: Outlets, closing: str = "") -> tuple[str | None, str | None]:
    """Lines by role, the lead and the article's last paragraph in; (the source a date line's "Source:", a credit
    naming a known outlet or a wire dateline or credit names, an unknown name a "Source:" credit above the
    article's text gives) out.

    "Source: Xinhua" on the article's date line names its source, whatever
    the name, and so does a credit that is a known outlet (sources.yaml). A
    "Source:" credit above the article's text naming an unknown outlet is
    returned apart: it stands only where the page names no site of its own.
    Further down, on a blog, "Source: Getty", "Source: NASA" or "Via: Eurogamer"
    under a picture or a post credits what it shows or links to, not who
    reported the story; a credit line with no key and no known outlet
    ("(Editing by Clare Fallon)", "(Reporting by ...)") credits people.
    """
    stated = find_keyed(roles["dateline"], SOURCE_KEYS)
    if stated:
        return name_outlet(stated, outlets) or stated, None
    numbers = [line.number for line in roles["body"] if line.number > 0]
    first_body = min(numbers) if numbers else 0
    short_other = [line for line in roles["other"] if len(line.text.split()) <= SOURCE_CREDIT_MAX_WORDS]
    unconfirmed = None
    for lines, keyed in ((roles["credit"], True), (roles["credit"], False), (short_other, True)):
        credited, line = first_credit(lines, keyed)
        if credited is None:
            continue
        named = name_outlet(credited, outlets)
        if named:
            return named, None
        # Above the article's text, with the headline; inside it, a credit is a picture's.
        unconfirmed = credited if keyed and (not first_body or line.number <= first_body) else None
        break                        # the first credit is the story's
    dateline = match_wire_dateline(lead)
    if dateline and dateline.group("wire"):      # "本报…电", this paper's own, names no wire
        wire = dateline.group("wire").strip()
        return name_outlet(wire, outlets) or wire, None
    # A Japanese wire credit opens the story ("【ワシントン共同】") or closes
    # it ("（共同）"): the lead for one, the last paragraph for the other. A
    # paragraph further down that opens with one is a wire's report quoted
    # in the paper's own story, which it does not make the wire's.
    for paragraph, opening in ((lead, True), (closing.strip(), False)):
        credited_wire = find_japanese_wire_credit(paragraph, outlets, opening) if paragraph else None
        if credited_wire:
            return credited_wire[0], None
    # The story's first paragraph may follow a box of highlights the lead is.
    for text in [lead] + [line.text.strip() for line in roles["body"][:OUTLET_DATELINE_LINES]]:
        dateline = OUTLET_DATELINE.match(text)
        named = name_outlet(dateline.group("wire").strip(), outlets) if dateline else None
        if named:
            return named, None
    return None, unconfirmed


def first_credit(lines: Iterable[Line], keyed: bool) -> tuple[str | None, Line | None]:
    """Credit lines and whether only a "Source:" key counts in; (the first credit, its line), or (None, None).

    Keyed, a line's "Source:"/"Via:" value is the credit; unkeyed, a whole
    line that is no "Key: value" pair is."""
    for line in lines:
        text = line.text.strip()
        credited = find_keyed([line], SOURCE_KEYS) if keyed else None if KEY_VALUE.match(text) else text
        if credited:
            return credited, line
    return None, None


def find_told_outlet(body: str, outlets: Outlets) -> tuple[str | None, str | None]:
    """Body text in; the known outlet the story's quotes were given to ("told Diyaruna") and why, out."""
    mentions = match_names(body, outlets.matchers)
    quoted = {name for start, end, name in mentions
              if QUOTED_AFTER.match(body[end:end + TOLD_CONTEXT_CHARS])
              or QUOTED_BEFORE.search(body[max(0, start - TOLD_CONTEXT_CHARS):start])}
    for start, end, name in mentions:
        before = body[max(0, start - TOLD_CONTEXT_CHARS):start]
        told = TOLD.search(before)
        if told and name not in quoted:
            return name, f"source inferred from {(told.group() + body[start:end]).strip()!r}"
    return None, None


def extract_publisher(page_meta: Mapping[str, Any], furniture: Iterable[Line], outlets: Outlets,
                      opening_site: str | None = None,
                      masthead_site: str | None = None) -> tuple[str | None, str | None]:
    """Page metadata, page furniture and the site its title line and its masthead name in; (the outlet whose page
    this is, the evidence) out.

    Only the page's own statements count: its site name, its URL, the site
    part of its title line, its masthead where its furniture names the same
    site, or its copyright line (which may name the
    owning company: it is not taken as the story's source). An outlet named
    in a promo, a photo credit or a related link is not the page's publisher.
    """
    site = str(page_meta.get("site_name") or "").strip()
    if site:
        return name_outlet(site, outlets) or site, "site name"
    if page_meta.get("url"):
        by_domain = find_domain_outlet(str(page_meta["url"]), outlets)
        if by_domain:
            return by_domain, "url"
    if opening_site:
        return name_outlet(opening_site, outlets) or opening_site, "page title"
    if masthead_site:
        return name_outlet(masthead_site, outlets) or masthead_site, "masthead"
    for line in reversed(list(furniture)):
        copyright = COPYRIGHT.match(line.text.strip())
        if copyright:
            name = CORPORATE_SUFFIX.sub("", copyright.group("name").strip())
            if (name and name[:1].isupper() and name.split()[0].lower() not in COPYRIGHT_NOT_OWNER
                    and not name.casefold().startswith(RIGHTS_RESERVED)):
                return name_outlet(name, outlets) or name, "copyright"
    return None, None


# What separates a title line's parts, besides TITLE_SEPARATOR's dashes and
# bar: guillemets ("Headline « Site", "Site » Headline"), a double dash
# ("Headline -- Engadget"), a colon ("Headline : CityAM"), a middle dot.
SITE_SEPARATOR = re.compile(r"\s+(?:[|\u2013\u2014\u00ab\u00bb\u00b7:-]|--|::)\s+")


def find_opening_site(lines: list[Line], headline: str | None) -> str | None:
    """Raw lines and the headline in; the site a page's opening title line names beside the headline ("Headline - Site"), or None."""
    if not lines or not headline:
        return None
    opening = lines[0].text.strip()
    parts = [part.strip() for part in SITE_SEPARATOR.split(opening) if part.strip()]
    key = fold_words(headline)
    if len(parts) < 2 or fold_words(opening) == key:
        return None
    for index, part in enumerate(parts):
        if fold_words(part) == key:
            rest = parts[index + 1:] or parts[:index]
            site = rest[-1] if index + 1 < len(parts) else rest[0]
            if (0 < len(site.split()) <= SITE_MAX_WORDS and fold_words(site) != key
                    and not YEAR_WRITTEN.search(site)):    # "Headline - Theater News - Nov 6, 2012": a date
                return site
    return None


# A copied page opens with its masthead: the site's name as a line of its
# own, among its first lines (the logo's text, among the first menus).
# Measured on the .txt and .copy.txt pages of dragnet-train, cleaneval-dev
# and the corpus: 10 lines name the site on 22 more pages than 5 did, for
# one more wrong value.
MASTHEAD_LINES = 10
# ...or above the headline, where a browser copy keeps the logo's text
# under long menus ("BBC Future" on line 15), but within this many lines.
MASTHEAD_MAX_LINES = 40
# Lines by which a page's furniture names the site it belongs to: its
# copyright ("© 2012 DailyCandy, LLC."), its follow and about links
# ("Follow Kotaku", "About Eater National", "Subscribe to Call to the Pen"),
# its social links ("CBS News on Facebook"), its most-read box ("Most
# Popular on CBS News"). A masthead line one of these also names is the
# site's name; a photo credit, a promo or a related link names no masthead.
SITE_NAME = r"(?P<name>[^|\u2022\u00b7:;,.?()\[\]]{2,50}?)"
SITE_CLAIMS = (
    re.compile(r"(?i)" + COPYRIGHT_MARK + r"\s*(?:\u00a9\s*)?(?:" + COPYRIGHT_YEARS
               + r"[,.]?\s*)?(?:by\s+)?(?P<name>[^|\u2022\u00b7,;(]{2,60}?)\s*(?:[.,|;(]|all rights|$)"),
    re.compile(r"(?i)^(?:follow|like|subscribe to|about|contact|join|more from|welcome to)\s+"
               + SITE_NAME + r"(?:\s+on\s+\w+.*)?$"),
    re.compile(r"(?i)^" + SITE_NAME + r"\s+(?:on|via)\s+(?:facebook|twitter|google\+?|youtube|instagram"
               r"|linkedin|rss|flipboard|pinterest)$"),
    re.compile(r"(?i)^(?:most\s+(?:popular|read|viewed|shared|emailed|commented)|more|latest|top stories)"
               r"\s+(?:on|from|at)\s+" + SITE_NAME + r"$"),
)


# Words of a company's name: a copyright naming one names the site's owner,
# which may publish many sites ("© 2012 Tribune Company").
OWNER_WORD = re.compile(r"(?i)\b(?:company|companies|corporation|corp|holdings|enterprises|communications"
                        r"|publishing|publications|incorporated|inc|llc|ltd|plc|gmbh)\b")
# What a claim may name that is no site: "Follow us", "About me".
NOT_SITE_NAMES = frozenset({"us", "me", "we", "our", "them"})
# Claims a section or a contributor makes as well as a site ("More from
# Football", "Latest from Energy Stock Channel"): they confirm no menu item.
SECTION_CLAIM = re.compile(r"(?i)(?:more|latest|top|most)\b")


# A word of digits alone ("2019", "11"): a masthead line with one is a date
# or a counter, not a name ("OX2 Web Analytics Blog", "37signals" are).
NUMBER_WORD = re.compile(r"(?<![\w-])\d+(?![\w-])")
# What every SITE_CLAIMS pattern needs in a line.
SITE_CLAIM_HINT = re.compile(r"(?i)" + COPYRIGHT_MARK + r"|(?:^|[|\u2022\u00b7]\s*)(?:follow|like|subscribe|about"
                             r"|contact|join|more|welcome|most|latest|top)\b"
                             r"|\s(?:on|via)\s+(?:facebook|twitter|google|youtube|instagram|linkedin|rss|flipboard"
                             r"|pinterest)")
# A footer's claim to the site stands in the first characters of its line.
SITE_CLAIM_CHARS = 160


# A site's name joined is this long at least ("BBC", "CNN").
SITE_KEY_MIN_CHARS = 3
# A site written as its domain: "CBSNews.com", "news.com.au", "www.example.org".
SITE_DOMAIN = re.compile(r"(?i)^(?:www\.)?(?P<name>[\w-]+(?:\.[\w-]+)*?)(?:\.(?:co|com|net|org|ac|gov))?\.[a-z]{2,6}$")


@functools.lru_cache(maxsize=NAMES_KEPT)
def site_key(text: str) -> str:
    """A site's name in; its letters and digits in lower case, without spaces or a domain's ending, out: "CBS
    News", "CBSNews.com" and "@cbsnews" all give "cbsnews"."""
    text = text.strip()
    domain = SITE_DOMAIN.match(text)
    words = fold_words(domain.group("name") if domain else text)
    joined = words.replace(" ", "")
    # Joined, a short name meets words it is not: "U.S." would be "us", as in "Follow us".
    return joined if len(joined) >= SITE_KEY_MIN_CHARS else words


def host_label(host: str) -> str:
    """A web address's host in; the label it is registered under, without subdomains or the domain's ending,
    out: "example" for "news.example.co.uk" and "mail.example.com"."""
    domain = SITE_DOMAIN.match(host)
    return (domain.group("name") if domain else host).rsplit(".", 1)[-1]


def masthead_size(shown: list[Line], headline_number: int) -> int:
    """The page's shown (non-blank) lines and the headline's line number in; how many of the first shown
    lines are its masthead: MASTHEAD_LINES, or down to the headline, up to MASTHEAD_MAX_LINES."""
    above = sum(1 for line in shown if 0 < line.number < headline_number)
    return min(max(MASTHEAD_LINES, above), MASTHEAD_MAX_LINES)


def find_masthead_site(lines: list[Line], headline: str | None = None, headline_number: int = 0) -> str | None:
    """Raw lines, the headline and its line number in; the site name the page's masthead or title line gives
    where its furniture names the same site, or None.

    A masthead line (a short line among the first ones, or above the
    headline) counts when a copyright, follow, about or social line names
    it too; an end part of the opening title line ("I have not gone into
    hiding « The Cannon") when such a line names it or it stands as a
    masthead line of its own.
    """
    shown = [line for line in lines if line.text.strip()]
    texts = [line.text.strip() for line in shown]
    masthead: dict[str, str] = {}
    menus: set[str] = set()           # masthead lines below the first ones: long menus reach there
    for number, text in enumerate(texts[:masthead_size(shown, headline_number)]):
        for part in LINE_PARTS.split(SPACES.sub(" ", text)):          # "blogTO | Toronto Blog"
            if (0 < len(part.split()) <= SITE_MAX_WORDS and not NUMBER_WORD.search(part)
                    and not part.endswith((":", "...", ELLIPSIS))):      # "flavorpill:", a label, not a name
                key = site_key(CORPORATE_SUFFIX.sub("", part))
                if key not in masthead and number >= MASTHEAD_LINES:
                    menus.add(key)
                masthead.setdefault(key, part)
    titled: dict[str, str] = {}
    parts = [part.strip() for part in SITE_SEPARATOR.split(texts[0]) if part.strip()] if texts else []
    if len(parts) >= 2:
        # The headline's part is not the site's; with no headline known, the
        # longest part is taken for it.
        known = [part for part in parts if headline and fold_words(part) == fold_words(headline)]
        longest = known[0] if known else max(parts, key=len)
        for part in (parts[0], parts[-1]):
            if (part != longest and 0 < len(part.split()) <= SITE_MAX_WORDS
                    and fold_words(part) != fold_words(headline or "") and not part.endswith((":", "...", ELLIPSIS))):
                titled.setdefault(site_key(part), part)
    # Standing as a masthead line confirms only the title line's last part
    # ("Headline - Site"); the first part may be a short headline.
    last = site_key(parts[-1]) if len(parts) >= 2 else ""
    last = last if last in titled else ""
    masthead.pop("", None)
    titled.pop("", None)
    if not masthead and not titled:
        return None
    for number, text in enumerate(texts[1:], 1):
        if number <= MASTHEAD_LINES and last and site_key(text) == last:
            return titled[last]
        if shown[number].role == "body":
            continue                  # the article's paragraphs claim no site (a short line kept as a heading may)
        # A claim opens its part ("© 2012 The Car Connection. All Rights
        # Reserved. The Car Connection is published by..."): a paragraph's
        # opening is read, not the whole of it.
        opening = text[:SITE_CLAIM_CHARS]
        if not SITE_CLAIM_HINT.search(opening):
            continue                  # most lines claim nothing: one test instead of every claim's
        for part in LINE_PARTS.split(opening):  # "Copyright © 2019, Los Angeles Times | Terms of Service"
            for claim in SITE_CLAIMS:
                match = claim.search(part)
                if match:
                    name = site_key(CORPORATE_SUFFIX.sub("", match.group("name").strip(" \"'\u201c\u201d")))
                    if name in NOT_SITE_NAMES or (name in menus and SECTION_CLAIM.match(match.group())):
                        continue      # "Follow us"; "More from Football" under a menu's "Football"
                    if claim is SITE_CLAIMS[0] and OWNER_WORD.search(match.group("name")):
                        continue      # "© 2012 AOL Inc.": the owner, whose network bar tops many sites
                    site = masthead.get(name) or titled.get(name)
                    if site and not OWNER_WORD.search(site):      # "Tribune Company": the owner, not the site
                        return site
    return None


# A web address as a word: "guardian.co.uk", "CNN.com" (not "14.00").
DOMAIN_WORD = re.compile(r"(?i)^(?:www\.)?[a-z][\w-]*(?:\.[\w-]+)*\.[a-z]{2,6}$")


def find_dateline_site(lines: Iterable[Line]) -> str | None:
    """Date lines in; the web address a date line opens with ("guardian.co.uk, Monday 29 October 2012 14.00
    EDT"), the site that dates its own story, or None."""
    for line in lines:
        text = line.text.strip()
        if not YEAR_WRITTEN.search(text) or not is_dateline(text):
            continue
        words = find_dateline_words(text)
        first = re.split(r"[\s,|]+", text, maxsplit=1)[0]
        if words and words[0] == first and DOMAIN_WORD.match(first):
            return first
    return None


def author_keys(author: str | None) -> set[str]:
    """The article's author ("Jo Marsh, Ann Lee") or None in; each name's site_key: a copyright naming one
    names the author (a blogger's "© Regan"), not the site."""
    return {site_key(name) for name in re.split(r",\s*", author or "") if name}


def find_footer_site(lines: list[Line], author: str | None = None) -> str | None:
    """Raw lines and the article's author in; the site name that two lines outside the article agree on, or
    None.

    A copyright line ("© 2012 Desiring God", "Privacy Policy • © 2010 Once
    Wed, all rights reserved.") claims a site; the claim counts when
    another line names the same site: a follow, about or social link ("Once
    Wed on Facebook"), or a line or part of its own (the logo's text).
    Neither a company (a copyright may name the owner: "© 2012 Tribune
    Company") nor the article's author (a blogger's "© Regan") is the
    site. Follow links alone do not agree on a site: they name authors and
    widgets as well ("Follow Denny McCorkle", "Follow Share").
    """
    claimed: dict[str, tuple[int, str]] = {}      # site key -> (first claiming line, name as written)
    owned: dict[str, tuple[int, str]] = {}        # the same, for copyright claims
    alone: dict[str, set[int]] = {}              # site key -> lines that are the name alone
    for index, line in enumerate(lines):
        text = line.text.strip()
        if line.role == "body" or not text:
            continue
        hinted = SITE_CLAIM_HINT.search(text[:SITE_CLAIM_CHARS])    # a part's hint is one in the opening
        for part in LINE_PARTS.split(text[:SITE_CLAIM_CHARS]):
            part = part.strip()
            if 0 < len(part.split()) <= SITE_MAX_WORDS:
                alone.setdefault(site_key(CORPORATE_SUFFIX.sub("", part)), set()).add(index)
            if not hinted or not SITE_CLAIM_HINT.search(part):
                continue
            for number, claim in enumerate(SITE_CLAIMS):
                match = claim.search(part)
                if match is None or SECTION_CLAIM.match(match.group()):
                    continue
                name = CORPORATE_SUFFIX.sub("", match.group("name").strip(" \"'\u201c\u201d")).strip()
                key = site_key(name)
                if (not key or key in NOT_SITE_NAMES or OWNER_WORD.search(name) or not name[:1].isupper()
                        or name.split()[0].lower() in COPYRIGHT_NOT_OWNER):     # "Copyright Policy"
                    continue
                if number == 0:
                    owned.setdefault(key, (index, name, bool(OWNER_WORD.search(match.group("name")))))
                else:
                    claimed.setdefault(key, (index, name))
                break
    authors = author_keys(author)
    for key, (index, name, company) in owned.items():
        if key in authors:
            continue
        # "© 2012 AOL Inc." over a network bar's "AOL": a company's name standing
        # alone may be its network's; an about or follow line makes it the site's.
        if (not company and alone.get(key, set()) - {index}) or claimed.get(key, (index,))[0] != index:
            return name
    return None


# Kinds of evidence by which a page's furniture names the site it belongs to.
# A name shown in one place only may be anything (a menu item, a section, a
# network bar's "AOL"); a name two kinds of evidence agree on, one of them a
# claim no menu item makes (a copyright, a follow, about or social link, a web
# address), is the site's. Measured on the .txt and .copy.txt pages of
# dragnet-train and the corpus: a masthead line with a menu's repeats ("World"
# at the top and in the footer) agrees with itself, never with a claim.
SITE_EVIDENCE_CLAIMS = frozenset({"copyright", "claim", "address"})
# Where the name is shown: a claim agrees with the masthead or the title line,
# or with another claim; a footer line of its own repeats a menu ("SPORTS",
# "the Agenda") as often as a site's name.
SITE_EVIDENCE_PLACES = frozenset({"masthead", "title line"})
# A name this many kinds of evidence agree on wins over a title line's part
# that fewer name: measured on the dragnet-train and corpus texts, two kinds
# (a menu's "Discussions" with a "Join Discussions") took the place of "The
# Washington Post"; three replaced taglines only.
SITE_OVER_TITLE_KINDS = 3
# A title line's part is the headline's shorter form when this share of its
# words are the headline's.
TITLE_PART_SHARE = 0.5
# Words by which a site names its blog or news desk after its domain's name:
# "Zillow Blog" at zillow.com, "BBC News" at bbc.co.uk (not "Sky Products" at
# sky.com, which names a part of the site).
SITE_DESK_WORDS = frozenset({"blog", "blogs", "news", "online", "magazine"})
# A claim is a part of a line of its own: "Follow Kotaku", "About GeekWire",
# "Subscribe to Call to the Pen »"; in prose ("thinking about the world.") the
# same words claim nothing.
OWN_CLAIM = re.compile(r"(?i)^\s*(?:follow|like|subscribe to|about|contact|join|welcome to)\s+(?P<name>.+?)"
                       r"(?:\s+(?:on|via)\s+\w+)?\s*[.!:\u00bb\u203a]*\s*$")
# A social link names its site wherever it stands, as a flattened icon row
# copies it: "... on Twitter I Geek for Creativity on Facebook".
# What OWN_CLAIM needs somewhere in a line: one of its words and a space.
OWN_CLAIM_HINT = re.compile(r"(?i)(?:follow|like|subscribe to|about|contact|join|welcome to)\s")
SOCIAL_CLAIM = re.compile(r"\s+(?:on|via)\s+(?:Facebook|Twitter|Google\+?|YouTube|Instagram|LinkedIn|RSS|Flipboard"
                          r"|Pinterest|Tumblr)\b")
# A web address or a social handle in the furniture: "CBSNews.com",
# "www.nuttynomads.com", "bbc.co.uk navigation", "Follow @slate".
SITE_ADDRESS = re.compile(r"(?<![\w.-])(?:www\.)?(?P<host>[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,6})(?![\w-])"
                          r"|(?<![\w@])@(?P<handle>\w{3,})", re.IGNORECASE)


def find_agreed_site(lines: list[Line], headline: str | None = None, headline_number: int = 0,
                     author: str | None = None) -> str | None:
    """Raw lines, the headline, its line number and the article's author in; the site name that two kinds of
    evidence outside the article agree on, one of them a claim, or None (see gather_site_evidence).

    The candidate with the most kinds wins; the first one shown wins a tie.
    """
    return choose_agreed_site(gather_site_evidence(lines, headline, headline_number, author))


def choose_agreed_site(evidence: Mapping[str, set[str]]) -> str | None:
    """Candidate site names with their kinds of evidence in; the one most kinds agree on, a claim among them
    (or the title line), or None, out."""
    best, most = None, 1
    for name, kinds in evidence.items():
        claims = kinds & SITE_EVIDENCE_CLAIMS
        if len(kinds) > most and (claims and (kinds & SITE_EVIDENCE_PLACES or len(claims) > 1)
                                  or "title line" in kinds):
            best, most = name, len(kinds)
    return best


def gather_site_evidence(lines: list[Line], headline: str | None = None, headline_number: int = 0,
                         author: str | None = None) -> dict[str, set[str]]:
    """Raw lines, the headline, its line number and the article's author in; each candidate site name, in the
    order shown, with the kinds of evidence that name it, out.

    Candidates are the masthead's short lines and parts (the first lines,
    or down to the headline), the end parts of the opening title line and
    the names copyright lines give. Each gathers the kinds of evidence that
    name it elsewhere: a copyright ("© 2012 Bit Rebels"), a follow, about
    or social link ("I Geek for Creativity on Facebook"), a web address or
    handle ("CBSNews.com", "www.nuttynomads.com"), a line of its own below
    the masthead. A copyright naming a company ("AOL Inc.", "Tribune
    Company") names the owner, which may run many sites, and the author's
    own copyright names the author: neither is a claim.
    """
    shown = [line for line in lines if line.text.strip()]
    furniture = [(index, line.text.strip()) for index, line in enumerate(shown) if line.role != "body"]
    top = masthead_size(shown, headline_number)
    headline_key = fold_words(headline or "")
    authors = author_keys(author)
    candidates: dict[str, tuple[str, set[str], set[int]]] = {}

    def add(name: str, kind: str, index: int) -> None:
        name = name.strip(" \"'\u201c\u201d\u00bb\u203a")
        key = site_key(CORPORATE_SUFFIX.sub("", name))
        if (not name or name.startswith("@") or len(name.split()) > SITE_MAX_WORDS or NUMBER_WORD.search(name) or len(key) < SITE_KEY_MIN_CHARS
                or key in NOT_SITE_NAMES or fold_words(name) == headline_key):
            return
        _, kinds, places = candidates.setdefault(key, (name, set(), set()))
        kinds.add(kind)
        places.add(index)

    for index, text in furniture:
        if index >= top:
            break
        for part in LINE_PARTS.split(SPACES.sub(" ", text)):
            if not part.endswith((":", "...", ELLIPSIS)):
                add(part, "masthead", index)
    # A title line holds the headline, or its shorter form, beside the site
    # ("Spiced Honey Pear Jam Recipe | The Anti-June Cleaver"); a copy's first
    # line split by bars is a menu ("Festivals: Chicago | Paris").
    opening = [part.strip() for part in SITE_SEPARATOR.split(shown[0].text.strip()) if part.strip()] if shown else []
    headline_words = set(headline_key.split())
    if not any(len(set(fold_words(part).split()) & headline_words) >= TITLE_PART_SHARE * len(fold_words(part).split())
               for part in opening):
        opening = []
    if len(opening) >= 2:
        longest = max(opening, key=len)            # the headline's part, not the site's
        for part in dict.fromkeys((opening[0], opening[-1])):      # in the order shown, whatever the hash seed
            if part != longest:
                add(part, "title line", 0)
    alone: dict[str, set[int]] = {}
    addresses: dict[str, set[int]] = {}
    for index, text in furniture:
        # A claim or its hint in a part is one in the line's opening: most lines show neither.
        opening = text[:SITE_CLAIM_CHARS]
        marked, hinted = COPYRIGHT_HINT.search(opening), SITE_CLAIM_HINT.search(opening)
        for part in LINE_PARTS.split(opening):
            copyright = SITE_CLAIMS[0].search(part) if marked else None
            if copyright:
                name = copyright.group("name").strip()
                if (name[:1].isupper() and name.split()[0].lower() not in COPYRIGHT_NOT_OWNER
                        and not OWNER_WORD.search(name) and site_key(CORPORATE_SUFFIX.sub("", name)) not in authors):
                    add(name, "copyright", index)
            if index >= top and 0 < len(part.split()) <= SITE_MAX_WORDS:
                alone.setdefault(site_key(CORPORATE_SUFFIX.sub("", part)), set()).add(index)
            if not hinted or not SITE_CLAIM_HINT.search(part):
                continue
            for claim in SITE_CLAIMS[1:]:          # "Follow the Atlantic »", "About Zillow Blog"
                match = claim.search(part.strip())
                if match and not SECTION_CLAIM.match(match.group()):
                    add(match.group("name"), "claim", index)
                    break
        for found in SITE_ADDRESS.finditer(text) if "." in text or "@" in text else ():
            if DOMAIN_WORD.match(text[found.start():found.end()]) and any(
                    part.strip() == found.group() for part in LINE_PARTS.split(text)):
                continue             # "Fan.com" as a line or part of its own is a masthead or footer line
            if found.group("host"):
                host = found.group("host")
                keys = {site_key(host), site_key(host.split(".")[-2])}      # a host has a dot
            else:
                keys = {found.group("handle").casefold()}
            for key in keys - {""}:
                addresses.setdefault(key, set()).add(index)
    claims: dict[str, set[int]] = {}
    for index, text in furniture:
        named = ([own.group("name") for own in map(OWN_CLAIM.match, LINE_PARTS.split(text)) if own]
                 if OWN_CLAIM_HINT.search(text) else [])
        chunks = SOCIAL_CLAIM.split(text)
        for chunk in chunks[:-1]:         # the words before each "on Facebook", up to a name's length
            words = chunk.split()[-SITE_MAX_WORDS:]
            named.extend(" ".join(words[start:]) for start in range(len(words)))
        for name in named:
            name = name.strip(" \"'\u201c\u201d\u00bb\u203a")
            bare = re.sub(r"(?i)^the\s+", "", name)            # "Follow the Atlantic"
            for written in {name, bare}:
                claims.setdefault(SPACES.sub(" ", written).casefold(), set()).add(index)
    for key, (name, kinds, places) in candidates.items():
        # A site's name may go on from its domain's: "Zillow Blog" at zillow.com.
        words = fold_words(name).split()
        prefixes = {"".join(words[:size]) for size in range(1, len(words))
                    if set(words[size:]) <= SITE_DESK_WORDS} - {"the"}
        # ...and drop its leading article: "The Washington Post" at washingtonpost.com.
        if any(addresses.get(written, set()) - places for written in {key, THE_PREFIX.sub("", key)} | prefixes
               if len(written) >= SITE_KEY_MIN_CHARS):
            kinds.add("address")
        if alone.get(key, set()) - places:
            kinds.add("footer")
        # As written ("Football+" is not "Football"), or without a trailing desk
        # word, as a domain's name goes on: "Subscribe to Example" for "Example Magazine".
        written = SPACES.sub(" ", name).casefold()
        stem, _, desk = written.rpartition(" ")
        if any(claims.get(form, set()) - places for form in (written, stem if desk in SITE_DESK_WORDS else "")):
            kinds.add("claim")
    return {name: kinds for name, kinds, _ in candidates.values()}


# What a copyright line holds.
COPYRIGHT_HINT = re.compile(r"(?i)" + COPYRIGHT_MARK)
# A file's name is shaped like an address: "index.html", "photo.jpg".
SITE_ADDRESS_NOT_NAMES = re.compile(r"(?i)\.(?:html?|php|aspx?|jpe?g|png|gif|pdf|txt|docx?)$")
# A house byline naming the site by its address: "By NFL.com Staff",
# "Example.org staff". A site's staff is its own newsroom.
STAFF_ADDRESS = re.compile(r"(?i)^(?:by\s+)?(?P<host>(?:www\.)?[a-z][\w-]*(?:\.[\w-]+)*\.[a-z]{2,6})\s+staff\b")


def find_address_site(lines: list[Line]) -> str | None:
    """Raw lines in; the web address a page shows as its first line ("ExampleNews.com", the logo's text) or
    as its house byline ("By Example.com Staff"), or None.

    An address standing as a copy's first line is the site's own name: a
    menu or a section is never written as one.
    """
    shown = [line.text.strip() for line in lines if line.text.strip()]
    if shown and DOMAIN_WORD.match(shown[0]) and not SITE_ADDRESS_NOT_NAMES.search(shown[0]):
        return shown[0]
    for text in shown:
        staff = STAFF_ADDRESS.match(text)
        if staff:
            return staff.group("host")
    return find_copyright_address_site(shown)


def copyright_matches(texts: list[str], hint: re.Pattern) -> Iterator[re.Match]:
    """Shown lines and the hint a line's opening must show in; the copyright claim (SITE_CLAIMS[0]) of each
    part of those openings that holds one, out."""
    for text in texts:
        opening = text[:SITE_CLAIM_CHARS]
        if hint.search(opening):
            for part in LINE_PARTS.split(opening):
                match = SITE_CLAIMS[0].search(part)
                if match:
                    yield match


def find_copyright_address_site(shown: list[str]) -> str | None:
    """A page's shown lines in; the name a copyright gives where the page writes the same name as a web
    address ("© 2012 Example Rebels" and "tips@examplerebels.com"), or None.

    A copyright alone may name the owner; an owner that is no site has no
    address of its own name on the page, and a company's name (OWNER_WORD,
    a corporate suffix) is not taken.
    """
    names = {}
    for match in copyright_matches(shown, COPYRIGHT_HINT):
        written = match.group("name").strip(RUN_NAME_EDGES)
        if (written[:1].isupper() and written.split()[0].lower() not in COPYRIGHT_NOT_OWNER
                and not OWNER_WORD.search(written) and not RUN_COMPANY.search(written)
                and CORPORATE_SUFFIX.sub("", written) == written and is_run_name(written)):
            names.setdefault(site_key(written), written)
    if not names:
        return None
    hosts = set()
    for text in shown:
        for found in SITE_ADDRESS.finditer(text):
            if found.group("host"):
                hosts.add(site_key(host_label(found.group("host"))))
    return next((name for key, name in names.items() if key in hosts), None)


# Site names shown by several files of one run. One copy cannot tell its
# logo's text ("Kotaku" on its first line) from a section label or a menu
# ("Markets", "Home") when nothing else on it names the site; the furniture
# pass sees every file of the run and can. Each file gives marks: RUN_TOP
# and the key of its first shown line, RUN_CLAIM and the key of each name a
# follow, about or social line of its own claims ("Follow YumSugar").
# furniture.find_run_sites keeps the marks several files of one outlet
# share and other outlets do not show as often; a page whose own line
# carries a kept mark is that site's (find_run_site).
# A word of a sentence or a control, not of a name, in a line that opens
# with a capital: "Turn autoplay off", "Skip to main content". A name's
# words are capitalised, or short ("Geeks are Sexy Technology News").
RUN_SENTENCE_WORD = re.compile(r"^[^\W\d_]{4,}$")
# A company's form in a copyright's name ("Waddell Limited", "Cable News
# Network LP"): the owner, which may run many sites, not the site. Beside
# OWNER_WORD and CORPORATE_SUFFIX, the partnership forms.
RUN_COMPANY = re.compile(r"(?i)\b(?:lp|llp|lllp|l\.p)\b")
# Words of a widget's or a reader's phrase, not of a site's name: "Posts by
# Email", "Comments via RSS", "GET OUR BEST NEWS", "Follow me".
RUN_NOT_NAME_WORDS = frozenset({"my", "our", "your", "via", "by", "this"})
# Small words that join a name's capitalised words as a sentence's do not:
# "Web Design from Scratch", "Dinner with Julie".
RUN_NAME_LINKS = frozenset({"from", "with", "into", "upon"})
# What ends a claimed name without being part of it: "Follow The Cannon »".
RUN_NAME_EDGES = " \"'\u201c\u201d\u00bb\u203a"


def is_run_name(text: str) -> bool:
    """A line or claimed name in; True when it is shaped like a site's name: at most SITE_MAX_WORDS words,
    no number, opening with a letter, no label's colon, no "us" or "me" ("GET OUR BEST NEWS", "Me/Contact"),
    and not a sentence ("Skip to main content")."""
    words = text.split()
    if not 0 < len(words) <= SITE_MAX_WORDS or NUMBER_WORD.search(text) or not text[:1].isalpha():
        return False
    if ":" in text or text.endswith(("...", ELLIPSIS)) or LINE_PARTS.search(text):
        return False
    if set(fold_words(text).split()) & (NOT_SITE_NAMES | RUN_NOT_NAME_WORDS):
        return False
    return not (words[0][:1].isupper() and any(RUN_SENTENCE_WORD.match(word) and word.islower()
                                               and word not in RUN_NAME_LINKS for word in words[1:]))


def find_run_claims(texts: list[str]) -> list[tuple[str, bool]]:
    """A page's shown lines in; the names its copyright, follow, about and social lines claim, each with
    True for a copyright, out; a company's name (the owner) is left out."""
    found = []
    for text in texts:
        opening = text[:SITE_CLAIM_CHARS]
        if not SITE_CLAIM_HINT.search(opening):
            continue
        for part in LINE_PARTS.split(opening):
            part = part.strip()
            for number, claim in enumerate(SITE_CLAIMS):
                match = claim.search(part)
                if match is None or SECTION_CLAIM.match(match.group()):
                    continue
                if number and match.group() != part:
                    continue             # a follow or about claim is a line or part of its own, not prose
                written = match.group("name")
                name = CORPORATE_SUFFIX.sub("", written.strip(RUN_NAME_EDGES)).strip(RUN_NAME_EDGES)
                if (name != written.strip(RUN_NAME_EDGES) or OWNER_WORD.search(written)
                        or RUN_COMPANY.search(written)):
                    break                # "© 2012 AOL Inc.": the owner's
                if (is_run_name(name) and name[:1].isupper()
                        and name.split()[0].lower() not in COPYRIGHT_NOT_OWNER):
                    found.append((name, number == 0))
                break
    return found


def find_run_owners(texts: list[str]) -> set[str]:
    """A page's shown lines in; the site_key of each company a copyright names, without its company words
    ("example" for "© 2012 Example Media, Inc."), out."""
    owners = set()
    for match in copyright_matches(texts, SITE_CLAIM_HINT):
        written = match.group("name")
        if (OWNER_WORD.search(written) or RUN_COMPANY.search(written)
                or CORPORATE_SUFFIX.search(written.strip(RUN_NAME_EDGES))):
            name = RUN_COMPANY.sub("", OWNER_WORD.sub("", written))
            owners.add(site_key(CORPORATE_SUFFIX.sub("", name.strip(RUN_NAME_EDGES + ",. "))))
    return owners - {""}


def find_run_marks(texts: list[str], claims: list[tuple[str, bool]]) -> dict[str, str]:
    """A page's shown lines in order and the claims of all but its first (find_run_claims) in; its run marks (RUN_TOP and RUN_CLAIM keys, see above) with the names
    as written out.

    A copyright gives no mark: it names the owner as often as the site
    ("© 2012 Example Interactive" under "Example News"), and an owner's
    pages repeat it as a site's do.
    """
    marks: dict[str, str] = {}
    if texts and is_run_name(texts[0]):
        marks[RUN_TOP + furniture_key(texts[0])] = texts[0]
    for name, copyright in claims:
        if not copyright:
            marks.setdefault(RUN_CLAIM + furniture_key(name), name)
    return marks


def is_part_of_name(name: str, texts: list[str]) -> bool:
    """A claimed name and a page's shown lines in; True when a line shows it as part of a longer name
    ("Follow Jo on Twitter" under "- Jo Marsh"): a person's, not a site's."""
    pattern = re.compile(r"(?<![\w.])%s\s+(?:[A-Z]\.\s*)*[A-Z][\w'\u2019-]+" % re.escape(name)
                         + r"|[A-Z][\w'\u2019.-]*\.?\s+%s(?![\w.])" % re.escape(name))
    return any(pattern.search(text) for text in texts if not SITE_CLAIM_HINT.search(text))


def find_run_site(lines: list[Line], run_sites: frozenset[str], author: str | None = None) -> str | None:
    """Raw lines, the marks the run's files agree on and the article's author in; the site name this page's
    first line or one of its claims shows, where the run's files agree it is a site, or None.

    A name the page's author goes by is no site ("Follow Jo on Twitter" on
    each of her posts), and a first line the page's copyright contradicts
    ("Technology Blog" over "© 2012 Example Digital") is a tagline or a
    section's name.
    """
    if not run_sites:
        return None
    texts = [line.text.strip() for line in lines if line.text.strip()]
    claims = find_run_claims(texts[1:])
    marks = find_run_marks(texts, claims)
    authors = set(fold_words(author or "").split())
    copyrights = {site_key(name) for name, copyright in claims if copyright}
    owners = find_run_owners(texts[1:])
    # A claim says whose page it is; a first line only stands where it is.
    for mark, name in sorted(marks.items(), key=lambda item: not item[0].startswith(RUN_CLAIM)):
        if mark not in run_sites or set(fold_words(name).split()) & authors:
            continue
        key = site_key(name)
        if key in owners:
            continue                  # "Follow Example" over "© 2012 Example Company": the owner's network
        if mark.startswith(RUN_TOP) and any(key not in other and other not in key for other in copyrights):
            continue                  # the copyright names another: "AlbertMohler.com" agrees with "Albert Mohler"
        if mark.startswith(RUN_CLAIM) and is_part_of_name(name, texts):
            continue
        return name
    return None

# A follow button quoting its blog's name, as WordPress.com's does: "Follow
# \u201cThe Cannon\u201d". The quotes mark a blog's name, not a person's.
QUOTED_FOLLOW = re.compile(r"^\s*Follow\s+\u201c(?P<name>[^\u201c\u201d]{2,60})\u201d\s*$")
# A name's words are joined in this many words at most when looked for
# written elsewhere ("Ars Technica" for "ArsTechnica").
MENTION_MAX_WORDS = SITE_MAX_WORDS


# Words of the small print that names the owner ("may not be reproduced
# without the permission of Example Media", "Example is a trademark of Jo
# Marsh"): a name written there is the owner's or a licence's, and confirms
# no site.
LEGAL_LINE = re.compile(r"(?i)\b(?:trademark|permission|rights|reserved|reproduced|agreement|licen[cs]e[ds]?"
                        r"|subsidiary|division of|owned by|operated by|published by|privacy policy)\b")
# A name's leading article, joined: "thewashingtonpost".
THE_PREFIX = re.compile(r"^the(?=\w{%d})" % SITE_KEY_MIN_CHARS)
# What ends a list's item before a name: "in Leaks, News".
LIST_COMMA = re.compile(r",\s*$")
# A copyright's name followed by a company's form ("DailyCandy, LLC"): the
# owner, not the site.
COMPANY_FORM = r"\s*,?\s*(?i:llc|inc|ltd|limited|plc|corp|gmbh)\b"
# A follow or about line naming a web address ("About Example.com"): a site
# is written so, a person or a section never is.
ADDRESS_CLAIM = re.compile(r"(?i)^\s*(?:follow|like|subscribe to|about|contact|join|welcome to)\s+(?:www\.)?"
                           r"(?P<name>[a-z][\w-]*(?:\.[\w-]+)*\.[a-z]{2,6})\s*[.!\u00bb\u203a]*\s*$")
# A name written as one word with a capital inside ("ExampleSugar",
# "TechWire"): a brand's shape, which a follow or about line of its own
# claims for the site; people and sections are not written so (but for a
# surname's "Mc" or "Mac": "McDonald").
BRAND_NAME = re.compile(r"^(?!Ma?c[A-Z])[A-Z]\w*[a-z][A-Z]\w*$")
# The networks a site's social links name.
SOCIAL_NETWORKS = r"(?:Facebook|Twitter|Google\+?|YouTube|Instagram|LinkedIn|Pinterest|Tumblr|Flipboard)"
# A social link written as the site's handle, "@Example on Twitter »": a
# handle that keeps its capitals writes the name as the site does.
HANDLE_CLAIM = re.compile(r"^\s*@(?P<name>[A-Z]\w{2,})\s+on\s+" + SOCIAL_NETWORKS + r"\s*[\u00bb\u203a]?\s*$")
# A promo inside a paragraph asking readers to follow the site ("(For updates
# ..., follow Example on Facebook, Twitter and Pinterest)"): it claims a name
# as a follow line does, and like it needs the name written again.
FOLLOW_IN_PROSE = re.compile(r"\b[Ff]ollow\s+(?P<name>[A-Z][\w'\u2019.&-]*(?:\s+[A-Z][\w'\u2019.&-]*){0,3})"
                             r"\s+on\s+" + SOCIAL_NETWORKS)


def index_mentions(shown: list[str], keys: set[str]) -> dict[str, list[tuple[int, int, int]]]:
    """A page's shown lines and the joined names looked for in; every run of up to MENTION_MAX_WORDS words,
    folded and joined ("arstechnica"), with where it stands (line, first word, word after the last), in the
    lines whose joined letters hold one of the names, out."""
    found: dict[str, list[tuple[int, int, int]]] = {}
    for index, text in enumerate(shown):
        joined_line = "".join(FOLD_WORD.findall(text.casefold()))
        if not any(key in joined_line for key in keys):
            continue                  # most lines hold none: one test instead of every run's
        words = fold_words(text).split()
        for start in range(len(words)):
            joined = ""
            for stop in range(start, min(len(words), start + MENTION_MAX_WORDS)):
                joined += words[stop]
                found.setdefault(joined, []).append((index, start, stop + 1))
    return found


def is_confirming_mention(text: str, name: str, start: int, stop: int) -> bool:
    """A shown line, a site's name and where the name stands in the line's folded words in; True when the line
    writes the name as a page names its own site.

    Inside a sentence or a long footer line ("Sign up for the Ars Technica
    Dispatch, which...", "If you find anything interesting in The Curious
    Brain"), written as the name is, with its capitals ("stay home" is not
    "Home"), not as an item of a list ("in Leaks, News, Nexus 10") and not
    in the small print (LEGAL_LINE), where an owner is named, or beside a
    date, where a section's label stands ("Politics news, Updated Nov 06,
    2012") as well as an author's name. A short line
    confirms nothing: a menu repeats its items ("Health", "Times Health"),
    a sister site shares a name's start ("Example Traveler"), and follow
    links name authors as well as sites ("Follow Jo Marsh", "Jo Marsh on
    Twitter").
    """
    words = FOLD_WORD.findall(text)
    if len(words) <= SITE_MAX_WORDS or LEGAL_LINE.search(text) or find_dates(text) or "".join(words[start:stop]) != "".join(FOLD_WORD.findall(name)):
        return False
    written = re.search(r"(?<!\w)%s(?!\w)" % r"\W+".join(map(re.escape, words[start:stop])), text)
    return written is not None and not LIST_COMMA.search(text[:written.start()])


def is_bylined(name: str, text: str) -> bool:
    """A name and text in; True when the text credits the name with a byline ("By Jo Marsh", "Text by Example Digital")."""
    return re.search(r"(?i)\bby\s+%s(?!\w)" % re.escape(name), text) is not None


def find_mentioned_site(lines: list[Line], headline: str | None = None, author: str | None = None) -> str | None:
    """Raw lines, the headline and the article's author in; the site a page names where it claims a name
    and writes the same name again elsewhere, or None.

    A claim: the page's first line (the logo's text), a copyright naming
    no company, a follow or about line of its own, or a follow button
    quoting a blog's name ("Follow \u201cThe Cannon\u201d"), which alone is
    enough. Written again on another line (is_confirming_mention: "Sign up
    for the Ars Technica Dispatch", "If you find anything interesting in
    The Curious Brain"), the name is the page's own.
    """
    shown = [line.text.strip() for line in lines if line.text.strip()]
    if not shown:
        return None
    authors = set(fold_words(author or "").split())
    for text in shown:
        quoted = QUOTED_FOLLOW.match(text)
        if quoted and is_run_name(quoted.group("name")) and not set(fold_words(quoted.group("name")).split()) & authors:
            return quoted.group("name")
    headline_key = fold_words(headline or "")
    page = "\n".join(shown)
    candidates: list[tuple[str, int]] = []
    first_words = set(fold_words(shown[0]).split())
    # A text dump's first line is its document title: the headline or its
    # shorter form ("One-Pot Meals" over "5 One-Pot Meals to Make This Week").
    if (is_run_name(shown[0]) and shown[0] != shown[0].lower()
            and len(first_words & set(headline_key.split())) < TITLE_PART_SHARE * len(first_words)):
        candidates.append((shown[0], 0))
    # A site named after its author, a personal blog, or a house byline: the
    # logo's text, the first line (below a control's "↓ Show navigation"),
    # is the full name its bylines give ("By Jo Marsh" under "Jo Marsh",
    # "Text by Example Digital"). A copy opening with a byline opens with its "By".
    logo = next((number for number, text in enumerate(shown) if text[:1].isalnum()), 0)
    if (len(shown[logo].split()) > 1 and is_run_name(shown[logo]) and shown[logo] != shown[logo].lower()
            and any(is_bylined(shown[logo], text) for text in shown[logo + 1:])):
        return shown[logo]
    opening = [part.strip() for part in SITE_SEPARATOR.split(shown[0]) if part.strip()]
    # A first line of parts that are not the headline's ("Example Design -
    # Best Design Articles"): the logo's text beside its tagline, as a
    # title line gives the site's name beside a slogan; its first part is
    # claimed like a first line of its own.
    if len(opening) >= 2 and is_run_name(opening[0]) and opening[0] != opening[0].lower() and not any(
            len(set(fold_words(part).split()) & set(headline_key.split()))
            >= TITLE_PART_SHARE * len(fold_words(part).split()) for part in opening):
        candidates.append((opening[0], 0))
    for index, text in enumerate(shown):
        address = ADDRESS_CLAIM.match(text) if "." in text else None
        if address and not SITE_ADDRESS_NOT_NAMES.search(address.group("name")):
            return address.group("name")      # "About Example.com": an address names a site, never a person
        for name, copyright in find_run_claims([text]):      # a copyright's "X, LLC" is left out below
            if not copyright and BRAND_NAME.match(name) and not set(fold_words(name).split()) & authors:
                return name           # "Follow ExampleSugar": written as a brand, no person's or section's name
            if copyright or not (len(name.split()) > 1 and is_bylined(name, page)):
                candidates.append((name, index))      # "About Jo Marsh" over "Posted by Jo Marsh": a person
        handle = HANDLE_CLAIM.match(text)
        if handle:
            candidates.append((handle.group("name"), index))
        for promo in FOLLOW_IN_PROSE.finditer(text) if "ollow" in text else ():
            name = promo.group("name")
            if is_run_name(name) and not is_bylined(name, page):
                candidates.append((name, index))
    if not candidates:
        return None
    owners = find_run_owners(shown)
    mentions = index_mentions(shown, {site_key(name) for name, _ in candidates})
    addresses: dict[str, set[int]] = {}          # "@gearpatrol", "thestreethearts.com", "tips@example.com"
    for index, text in enumerate(shown):
        for found in SITE_ADDRESS.finditer(text):
            if found.group("host") and not SITE_ADDRESS_NOT_NAMES.search(found.group("host")):
                addresses.setdefault(site_key(host_label(found.group("host"))), set()).add(index)
            elif found.group("handle"):
                addresses.setdefault(found.group("handle").casefold(), set()).add(index)
    for name, index in candidates:
        key = site_key(name)
        if (len(key) < SITE_KEY_MIN_CHARS or key in owners or key in NOT_SITE_NAMES
                or set(fold_words(name).split()) & authors
                or re.search(r"(?<!\w)%s(?:\s+[A-Z]\w+)?" % re.escape(name) + COMPANY_FORM, page)):
            continue          # "Example Productions, LLC": the owner's name
        if any(line != index and is_confirming_mention(shown[line], name, start, stop)
               for line, start, stop in mentions.get(key, ())):
            return name
        if any(line != index for written in {key, THE_PREFIX.sub("", key)} for line in addresses.get(written, ())):
            return name               # "The Washington Post" and washingtonpost.com
    return None


def normalise_section(text: str) -> str | None:
    """A section label in ("WORLD", "Home / Iraq News"); it in title case where it was all capitals out."""
    crumbs = [crumb for crumb in SECTION_CRUMB.split(text.strip()) if crumb]
    while len(crumbs) > 1 and crumbs[0].lower() in SECTION_HOME:
        crumbs = crumbs[1:]
    if not crumbs:
        return None
    words = crumbs[-1].split()
    # "IT・科学" is upper case to Python (its only cased letters are capitals): no word set in capitals
    return " ".join(word.capitalize() if word.isupper() and len(word) > ACRONYM_MAX_LETTERS
                    and not UNSPACED.search(word) else word for word in words) or None


# Time zones and halves of the day a date's time leaves beside it
# ("7/23/2012 8:26:15 PM ET"): never a section.
CLOCK_WORDS = frozenset({"am", "pm", "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt",
                         "pst", "pdt", "gmt", "utc", "bst", "cet", "cest", "eet", "ist", "jst", "kst",
                         "aest", "aedt", "wib", "msk", "hkt", "sgt"})


def find_dateline_section(lines: Iterable[Line]) -> str | None:
    """Dateline lines in; the section label left beside the date ("date 2017-11-25 WORLD") out."""
    for line in lines:
        words = find_dateline_words(line.text)
        if (0 < len(words) <= SECTION_LINE_MAX_WORDS
                and all(word[:1].isupper() and word.isalpha() for word in words)
                and not any(word.lower() in MONTHS or word.lower() in WEEKDAYS or word.lower() in CLOCK_WORDS
                            for word in words)):
            return normalise_section(" ".join(words))
    return None


def is_section_label(text: str, stated: bool = False) -> bool:
    """A section label (`stated` when the markup names it a section) in; True when it reads as one ("World", "Iraq News"), not a widget, a byline or a topic phrase."""
    words = text.split()
    # counted as count_words counts: a Chinese or Japanese label holds no space
    if not 0 < count_words(text) <= (STATED_SECTION_MAX_WORDS if stated else SECTION_LINE_MAX_WORDS + 1):
        return False
    if text.casefold() in SECTION_WIDGETS or " - " in text:
        return False                    # "post", "News - News"
    if not all(SECTION_WORD.fullmatch(word) for word in words):
        return False                    # digits, "@", "|", ":" or "✕": not a label
    # Chinese and Japanese have no capitals: a word in their scripts passes as a capitalised one
    return stated or all(word[:1].isupper() or word.casefold() in SECTION_SMALL_WORDS or UNSPACED.match(word)
                         for word in words) and not BYLINE.match(text)


def ends_menu(line: Line, roles: Mapping[str, list[Line]]) -> bool:
    """A line taken for the section label above the headline and the page's lines by role in; True
    when the line above it is a short label of the page's furniture too, so that the two are the end
    of a menu ("Serie TV / Spot / Video Game" over a film story's headline), not a kicker, out. A
    breadcrumb's first crumb ("Home") above it makes it the breadcrumb's last."""
    above = max((other for lines in roles.values() for other in lines if other.number < line.number),
                key=lambda other: other.number, default=None)
    return (line.rule == "section-above-title" and above is not None and above.role == "boilerplate"
            and above.text.strip().casefold() not in SECTION_HOME        # "Início / Alfabetização": a breadcrumb
            and 0 < len(above.text.split()) <= SECTION_LINE_MAX_WORDS + 1
            and above.text.rstrip()[-1:] not in ".!?\u2026" and not any(c.isdigit() for c in above.text))


def extract_section(roles: Mapping[str, list[Line]], page_meta: Mapping[str, Any],
                    author: str | None = None) -> str | None:
    """Lines by role, page metadata and the author in; the section, normalised in case, out (never the
    author's name left beside a date: "Chris Daley - Nov 19, 2019, 10:31 pm CST")."""
    for line in roles["section"]:
        section = normalise_section(line.text)
        if section and is_section_label(section) and not ends_menu(line, roles):
            return section
    near = near_headline(roles)
    datelines = roles["dateline"] + [line for line in roles["other"] if near(line) and is_dateline(line.text)]
    stated = normalise_section(str(page_meta["section"])) if page_meta.get("section") else None
    section = find_dateline_section(datelines)
    if section and fold_words(section) in {fold_words(name) for name in (author or "").split(",")}:
        section = None
    return section or (
        stated if stated and is_section_label(stated, stated=True) else None)


# --- Summary and title --------------------------------------------------------------

def split_sentences(text: str) -> list[str]:
    """Paragraph text in; its sentences out (not split after abbreviations or inside quotes)."""
    text = SPACES.sub(" ", text).strip()
    balanced = text.count(CURLY_OPEN_QUOTE) == text.count(CURLY_CLOSE_QUOTE) and text.count('"') % 2 == 0
    sentences, start = [], 0
    for match in SENTENCE_BREAK.finditer(text):
        before = text[start:match.start()]
        last_word = before.rsplit(" ", 1)[-1].lstrip("\"'(\u201c\u2018").lower()
        if last_word in ABBREVIATIONS or re.fullmatch(r"[a-z]", last_word) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", last_word):
            continue
        if balanced:
            so_far = text[start:match.end()]
            if (so_far.count(CURLY_OPEN_QUOTE) != so_far.count(CURLY_CLOSE_QUOTE)
                    or so_far.count('"') % 2):
                continue
        sentences.append(text[start:match.end()].strip())
        start = match.end()
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return sentences


def is_real_paragraph(text: str) -> bool:
    """A body paragraph in; False for a share prompt, a label or a one-line teaser, True for article prose."""
    # words counted as count_words counts them: a Chinese paragraph holds no spaces
    return count_words(text) >= SUMMARY_MIN_WORDS and not SHARE_LABEL.search(text)


def cut_words(text: str, limit: int) -> str:
    """Text in; at most `limit` characters of it, cut between words, out."""
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0]
    return cut if cut != text[:limit + 1] else text[:limit]


def cut_summary(text: str, limit: int = SUMMARY_MAX_CHARS) -> str:
    """Text in; its leading sentences up to `limit` display columns (a word-cut first sentence with an ellipsis if none fits) out."""
    # columns, not characters: a Chinese or Japanese character takes two, and
    # says about as much as two letters of a spaced script; sentences of
    # those scripts are joined without a space
    kept: list[str] = []
    for sentence in split_sentences(text):
        if display_width(join_lines(kept + [sentence])) > limit:
            break
        kept.append(sentence)
    if kept:
        return join_lines(kept)
    text = SPACES.sub(" ", text).strip()
    return cut_words(text, fit_columns(text, limit - 1)).rstrip(" ,;:") + ELLIPSIS


def fit_columns(text: str, limit: int) -> int:
    """Text and a width in; how many of its leading characters fit in that many display columns."""
    if text.isascii():
        return limit
    width = 0
    for i, char in enumerate(text):
        width += display_width(char)
        if width > limit:
            return i
    return len(text)


def strip_dateline(lead: str, outlets: Outlets = NO_OUTLETS) -> str:
    """First paragraph and the known outlets in; it without an opening wire dateline ("BAGHDAD, March 3 (Xinhua)
    --", "新华社杭州3月12日电（记者王小明）") or a Japanese wire credit at either end ("【ワシントン共同】") out."""
    dateline = match_wire_dateline(lead)
    return lead[dateline.end():] if dateline else strip_japanese_wire_credit(lead, outlets)


def derive_title(lead: str, outlets: Outlets = NO_OUTLETS) -> str | None:
    """First paragraph and the known outlets in; a headline from its first sentence, cut at a word boundary, out."""
    sentences = split_sentences(strip_dateline(lead, outlets))
    if not sentences:
        return None
    title = sentences[0].rstrip(".!?\u2026 ")
    if len(title) > TITLE_MAX_CHARS:
        breaks = [match.start() for match in TITLE_CLAUSE_BREAK.finditer(title)
                  if TITLE_MIN_CHARS <= match.start() <= TITLE_MAX_CHARS]
        if not breaks:          # no clause break: end before a preposition or conjunction, not mid-phrase
            breaks = [match.start() for match in TITLE_PHRASE_BREAK.finditer(title)
                      if TITLE_MIN_CHARS <= match.start() <= TITLE_MAX_CHARS]
        title = title[:breaks[-1]] if breaks else cut_words(title, TITLE_MAX_CHARS)
    words = title.rstrip(" ,;:-\u2013\u2014").split()
    while len(words) > DERIVED_TITLE_MIN_WORDS and words[-1].lower().strip(",;:") in TITLE_TRAILING_WORDS:
        words.pop()
    title = " ".join(words).rstrip(" ,;:-\u2013\u2014")
    if title.count(CURLY_OPEN_QUOTE) != title.count(CURLY_CLOSE_QUOTE) or title.count('"') % 2:
        title = EDGE_QUOTES.sub("", title)     # a quotation the cut left open
    if (count_words(title) < DERIVED_TITLE_LEAST_WORDS and len(sentences) > 1) or COPYRIGHT_SIGN.search(title):
        return None          # a fragment, or a footer's notice ("© 2012 ..."): no sentence of the article
    return title or None


def strip_publisher_suffix(title: str, publisher: str | None, outlets: Outlets) -> str:
    """A page title in; it without a trailing " | Site Name" out."""
    title = title.strip()
    while True:
        separators = list(TITLE_SEPARATOR.finditer(title))
        if not separators:
            return title
        tail = title[separators[-1].end():].strip()
        site = tail == publisher or name_outlet(tail, outlets) or (
            " " not in tail and "." in tail and find_domain_outlet(tail, outlets))
        if not site:
            return title
        title = title[:separators[-1].start()].strip()


# --- Lines by role --------------------------------------------------------------

# Roles read on their own; every other non-body line may still hold a
# byline, a date or a credit the cleaner did not recognise.
OWN_ROLES = frozenset({"title", "standfirst", "byline", "dateline", "credit", "caption"})


def group_lines(seed: Seed, extraction: Extraction) -> dict[str, list[Line]]:
    """Seed and extraction in; lines grouped by metadata role, with "other" for non-body, non-caption lines, out."""
    lines = list(extraction.lines) or infer_lines(seed, extraction)
    roles: dict[str, list[Line]] = {role: [] for role in
                                    ("title", "standfirst", "byline", "dateline", "credit",
                                     "section", "caption", "boilerplate", "body", "other")}
    for line in lines:
        role = line.role if line.role in roles else "other"
        if line.role in BODY_ROLES:
            role = "body"
        roles[role].append(line)
    roles["other"] = [line for line in lines if line.role not in BODY_ROLES
                      and line.role not in OWN_ROLES]
    return roles


def infer_lines(seed: Seed, extraction: Extraction) -> list[Line]:
    """Seed and extraction without lines in; the raw text lines, body or "unknown", out."""
    if seed.kind != "text":
        return []
    body = {SPACES.sub(" ", block.text).strip() for block in extraction.blocks}
    lines = []
    for number, raw in enumerate(seed.text.splitlines(), 1):
        text = raw.strip()
        if text:
            role = "body" if SPACES.sub(" ", text) in body else "unknown"
            lines.append(Line(number, text, role, "metadata-fallback"))
    return lines


# --- Headline of a copied page ----------------------------------------------------

# The headline sits above the body, with bylines, dates, share bars and
# captions between: it is looked for among this many lines before the body
# (the headline of 96% of the training pages that have one above the body).
# Further up, a line is a candidate when its byline or date line stands right
# below it (is_credited): a cleaner that took the comments or a footer for the
# body has moved the body's start, not the post's title, which keeps its
# byline (the headline is then a candidate on 4 more training copies and 6
# more .txt pages).
HEADLINE_WINDOW = 45
# A cleaner may take the headline for the body's first line, or start the
# body at a stray line well above it (a blog's tagline, a sidebar's teaser):
# this many lines from the body's start are candidates too (the headline of
# 94% of the training copies is then a candidate, 90.5% with 8 lines).
HEADLINE_BELOW = 16
# A line the cleaner calls the page's title is a candidate wherever it stands
# above the body, and down to this many lines below the body's start: a
# cleaner that took a sidebar for the body has moved the body's start, not
# the title (.txt dumps: the headline is a
# candidate on 94% of the training pages, 92% without).
TITLE_LINE_BELOW = 200
# A line of this many words is prose (a paragraph), not a headline; the
# headline stands within this many lines above the article's first one.
PROSE_MIN_WORDS = 15
PROSE_BELOW_LINES = 4
HEADLINE_MIN_WORDS = 2
HEADLINE_MAX_WORDS = 30
# Lines that are never a headline: photo and illustration credits, agency
# photo credits ("Doug Mills/The New York Times"), advertising disclosures.
CREDIT_LINE = re.compile(
    r"(?i)^(?:photo|image|illustration|credit|picture|file photo|graphic|video)s?\b"
    r"|\w/\s*(?:getty|reuters|ap\b|afp|epa|the [a-z]+ (?:times|post|news))"
    r"|getty images|shutterstock|\bphoto(?:graph)?s? by\b"
    r"|\b(?:has been compensated|sponsored by|paid partnership|affiliate links?|#ad\b|#sponsored)")
# Labels of page furniture, not headlines: "Tags: ...", "Labels: apps, Case
# studies", "Last Update: 1/16", "{ 17 comments... }", "• Many more
# resources", "Posted in bc, cheap fun", and breadcrumbs ("Home / Blog /
# Post", "You are here: Home / NHL / Post").
FURNITURE_LABEL = re.compile(
    r"(?i)^(?:[\u2022\u00b7*{\[(>-]|(?:tags?|labels?|topics?|categor(?:y|ies)|filed under|related|see also"
    r"|last updated?|updated|share|more|(?:previous|next|older|newer)\s+(?:post|article|story|entry))\s*:)"
    r"|^posted in\s|^(?:you are here\s*:?\s*)?home\s*[/>\u00bb\u203a]"
    r"|\b\d+\s+(?:\w+\s+)?comments?\b")
# Page furniture of other shapes: a call to a link ("Read all of our other
# series here", "Click here."), a comment form's prompt ("Leave a Reply",
# "Post a New Comment"), a label over a list of short keywords ("Other stuff
# like this: android, ios, mobile games, star wars"), cells a copy kept
# apart with tabs (a menu, a table row: "Share<tab>« Previous<tab>Email"),
# a button's text after its plus icon ("+ Comment now").
FURNITURE_SHAPE = re.compile(
    r"(?i)^(?:read|click|see|find|go|check|sign up|subscribe|register|join|download|learn|view|get)\b.*\bhere\W*$"
    r"|^(?:post|leave|add|write|submit) (?:a |your )?(?:new )?(?:comment|reply|response)"
    r"|^[^:,]{1,40}:\s*[^,\s]+(?:\s+[^,\s]+){0,3}(?:\s*,\s*[^,\s]+(?:\s+[^,\s]+){0,3}){3,}\W*$"
    r"|\t.*\t|^\+\s")
# A call to the reader to act on the site, not a headline: follow or like
# its accounts ("Follow us on Twitter", "you can also like my facebook page"),
# subscribe to its feed or newsletter ("Subscribe to this blog's feed", "Sign
# up for our newsletter"), sign in ("Log in to Reply"), click ("Click here to
# cancel reply."). 753 such lines on the training pages, none a headline. No
# candidate, even where the cleaner took it for the page's title ("you can
# also like my facebook page" atop a blog's sidebar: 3 training copies took
# it for their headline), but still a headline-shaped line to the features
# that read the lines around a candidate (a sidebar's calls are a run of
# short lines).
CALL_TO_ACT = re.compile(
    r"(?i)^(?:(?:you can )?(?:also )?like (?:my|our|us|this)\b|follow (?:me|us)\b"
    r"|subscribe to (?:my|our|the|this)\b|sign (?:in|up) (?:to|for)\b|log ?in to\b|click here\b)")
MENU_SEPARATOR = re.compile(r"\s[|\u00bb\u203a\u00b7\u2022]\s|^[\u00ab\u2039]|[\u00bb\u203a]$")
# Words long enough to carry content in any alphabet ("the", "of" are not).
CONTENT_WORD = re.compile(r"\w{4,}")
URLISH = re.compile(r"https?://|www\.|@\w+\.\w")
# A footer naming the page's owner ("© 2012 Joy the Baker"): a line it
# holds is the site's name, not a headline. Narrower than COPYRIGHT_MARK
# ("(c)" only before a year, "copyright" only as a word) and kept apart:
# the headline ranker's features were trained on it as it stands.
OWNER_LINE = re.compile(r"(?i)\u00a9|\(c\)\s*(?:19|20)\d\d|\bcopyright\b")
# "Reuters - 1 hour 24 minutes ago": a time stamp, not a headline.
RELATIVE_TIME = re.compile(r"(?i)\b\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\b")
# The page's first lines are its masthead: the site's name and menus.
PAGE_TOP_LINES = 3
# The headline ranker: gradient-boosted trees over the candidates' features,
# trained by benchmarks/train_headline.py (`make train`; LightGBM lambdarank,
# fixed seeds) on the .txt and .copy.txt pages of dragnet-train,
# cleaneval-dev and the extraction corpus; l3s-gn1 is kept to measure it.
# Evaluated with numpy (classify_text.Forest) and read once per process.
HEADLINE_MODEL_PATH = Path(__file__).resolve().parent / "models" / "headline.json"
# Beside its candidates, every page has the choice "no line is the headline"
# (learned from the pages whose headline is none of them): when it scores
# best, the title is flagged for review (the best line all the same, or the
# first sentence: weigh_headline).
NO_HEADLINE = "no-headline"
# ... by this margin: a line the page's evidence leaves in doubt is still
# taken, unflagged, when its lead is slim. Chosen by cross-validation by site
# on the training pages (benchmarks/train_headline.py prints the table) as the
# largest margin whose last step gains at least as many right headlines as
# confident wrong ones: on browser copies, 0 to 0.5 gains 2.4 points right
# for 0.5 wrong; 0.5 to 1.0 would gain 0.9 right for 1.0 wrong.
NO_HEADLINE_MARGIN = 0.5
# ... and a line that leads the next best line by less than this, and the
# choice "none" by less than this too, is a near tie the ranker cannot
# settle: no headline line either (a related story or a deck beside the
# headline, a blog's name over its post's title), the title flagged for
# review. Chosen by the same cross-validation by site, as the largest lead
# whose last step removes more confident wrong headlines than right ones:
# on browser copies, 0 to 0.25 costs 0.1 point right for 0.4 fewer wrong
# (l3s-gn1 copies, validation only: none right for 1.5 fewer wrong); 0.25
# to 0.5 would cost 0.9 right for 0.7 fewer wrong.
NEAR_TIE = 0.25
# ... and a line that holds less than this share of the weight of all the
# choices (its candidates and "none", each weighing the exponential of its
# score: the softmax the ranker's listwise training approximates) is no
# confident headline either: several lines and "none" together outweigh it
# even where no one of them comes near (a page of teasers, a sidebar's
# labels, a blog's name over a post whose title the copy lost). Chosen by
# the same cross-validation by site (benchmarks/train_headline.py --seeds
# prints the table, mean of four seeds) as the largest share whose last step
# takes more confident wrong headlines out than it flags right ones: on
# browser copies, 0 to 0.25 flags 0.4 point right for 0.6 fewer wrong (.txt:
# 0.1 right for 0.2 fewer wrong; l3s-gn1 copies, validation only: none right
# for 0.3 fewer wrong); 0.25 to 0.3 would flag 0.7 right for 0.4 fewer wrong.
# A flagged title is still the best line, for the editor to confirm.
DOUBTFUL_SHARE = 0.25


# Hangul is written with spaces between words: its syllables are no unspaced script.
HANGUL = ("\uac00", "\ud7af")


def count_words(text: str) -> int:
    """A line in; its words, where a run of Chinese, Japanese or Thai counts one word per CHARS_PER_WORD letters."""
    if not text or text.isascii() or max(text) < UNSPACED_SCRIPTS:     # no unspaced script: a word is a word
        return len(text.split())
    count = 0
    for word in text.split():
        if max(word) < UNSPACED_SCRIPTS:     # most words of such a line: a curly quote is no script
            count += 1
            continue
        unspaced = sum(char >= UNSPACED_SCRIPTS and char.isalpha() and not HANGUL[0] <= char <= HANGUL[1]
                       for char in word)
        count += max(1, unspaced // CHARS_PER_WORD) if 2 * unspaced >= len(word) else 1
    return count


def content_words(text: str) -> list[str]:
    """Folded text in; its content words (CONTENT_WORD), a run of Chinese, Japanese or Thai read as
    its pairs of letters: those scripts do not space their words, so a headline and the lead that
    says it again share pairs, not runs."""
    if not text or text.isascii() or max(text) < UNSPACED_SCRIPTS:
        return CONTENT_WORD.findall(text)
    words = []
    for word in FOLD_WORD.findall(text):
        if max(word) >= UNSPACED_SCRIPTS and not HANGUL[0] <= max(word) <= HANGUL[1]:
            words += [word[at:at + 2] for at in range(len(word) - 1)] or [word]
        elif len(word) >= 4:
            words.append(word)
    return words


@functools.lru_cache(maxsize=4096)
def is_headline_shaped(text: str) -> bool:
    """A line in; False when it cannot be a headline (a credit, a date line, a byline, a menu, a teaser).

    Kept for the lines seen last: a page asks it of each line and of its neighbours."""
    if not HEADLINE_MIN_WORDS <= count_words(text) <= HEADLINE_MAX_WORDS:
        return False
    if (CREDIT_LINE.search(text) or MENU_SEPARATOR.search(text) or URLISH.search(text)
            or FURNITURE_LABEL.search(text) or FURNITURE_SHAPE.search(text)
            or BYLINE.match(text) or text.endswith((":", "...", ELLIPSIS))):
        return False
    if any(key in CREDIT_KEYS for key, _ in split_parts(text)):
        return False
    return not is_dateline(text)


# A table's header row ("Pos Team Played Won Lost Points") stands right
# above a row of numbers ("1 Northern Lights 22 18 4 54"): at least this
# many, and this share of the row's words and of the header's (a column
# each), in a row that is no date line. It names columns, not the article.
TABLE_ROW_NUMBERS = 3
TABLE_ROW_SHARE = 0.5
TABLE_NUMBER = re.compile(r"[-+]?\d+(?:[.,:]\d+)*%?")


def count_numbers(words: list[str]) -> int:
    """A line's words in; how many are numbers (TABLE_NUMBER: "22", "-3", "4.5%", "1:30")."""
    return sum(bool(TABLE_NUMBER.fullmatch(word)) for word in words)


def is_table_header(lines: list[Line], index: int) -> bool:
    """Every raw line and a line's index in; True when the next line is a table row of numbers."""
    if index + 1 >= len(lines):
        return False
    following = lines[index + 1].text.strip()
    words = following.split()
    numbers = count_numbers(words)
    return (numbers >= max(TABLE_ROW_NUMBERS, TABLE_ROW_SHARE * len(words),
                           TABLE_ROW_SHARE * len(lines[index].text.split()))
            and not is_dateline(following))


def is_table_row(text: str) -> bool:
    """A line in; True when it is a table's row ("6 Hill Park 22 1 21 3") or a pager ("1 - 4 of 20"): at
    least TABLE_ROW_NUMBERS numbers, and more numbers than other words, in no date line. A headline
    counts little ("2 men, 2 speeches, 1 message"); 29 such candidate lines on the training pages,
    none a headline. Asked of a doubtful pick only: taken out of the candidates, it cost the ranker
    as much on l3s-gn1 copies as it gained in cross-validation."""
    words = text.split()
    numbers = count_numbers(words)
    return numbers >= TABLE_ROW_NUMBERS and 2 * numbers > len(words) and not is_dateline(text)


# Lines a furniture rule named (a share label, a menu, a footer link) are
# no headline, however headline-shaped ("Share this page Pin It", "About the
# author").
FURNITURE_RULE_PREFIXES = ("share-", "nav-", "footer-", "page-")


def headline_candidates(lines: list[Line], first_body: int) -> list[Line]:
    """Every raw line and the first body line's number in; the lines that may be the headline:
    those above the body (further up, those with their byline or date line right below), the first
    few from where the body starts, and the cleaner's title lines."""
    def may_be_headline(index: int, line: Line) -> bool:
        """A headline's shape, and no furniture rule's line, table's header or call to act."""
        text = line.text.strip()
        return (not line.rule.startswith(FURNITURE_RULE_PREFIXES) and is_headline_shaped(text)
                and not is_table_header(lines, index) and not CALL_TO_ACT.match(text))

    start = next((index for index, line in enumerate(lines) if line.number >= first_body), len(lines))
    above = [line for index, line in enumerate(lines[:start])
             if line.number > 0 and line.role not in BODY_ROLES and may_be_headline(index, line)
             and (first_body - HEADLINE_WINDOW <= line.number or is_credited(lines, index))]
    below = [line for index, line in enumerate(lines[start:start + HEADLINE_BELOW], start)
             if may_be_headline(index, line)]
    taken = {line.number for line in above + below}
    titles = [line for index, line in enumerate(lines)
              if line.role == "title" and 0 < line.number <= first_body + TITLE_LINE_BELOW
              and line.number not in taken and is_headline_shaped(line.text.strip())
              and not is_table_header(lines, index) and not CALL_TO_ACT.match(line.text.strip())]
    return sorted(above + below + titles, key=lambda line: line.number) if titles else above + below


def is_credited(lines: list[Line], index: int) -> bool:
    """Every raw line and a line's index in; True when a byline or a date line stands within CREDIT_BELOW lines below it."""
    for other in lines[index + 1:index + 1 + CREDIT_BELOW]:
        text = other.text.strip()
        if other.role in ("byline", "dateline") or BYLINE.match(text) or is_dateline(text):
            return True
    return False


def article_lines(lines: list[Line]) -> list[Line]:
    """Every raw line in; the article's lines: the body the cleaner kept, or, where it kept none (it
    took the whole page for furniture), the page's prose lines, so the headline is still looked for."""
    body = [line for line in lines if line.role in BODY_ROLES and line.number > 0]
    return body or [line for line in lines if line.number > 0 and count_words(line.text) >= PROSE_MIN_WORDS]


def page_candidates(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Every raw line in; (the headline candidates, the article's lines) out: what the ranker weighs."""
    body = article_lines(lines)
    return (headline_candidates(lines, body[0].number) if body else []), body


def headline_features(candidates: list[Line], lines: list[Line], body: list[Line]) -> list[dict[str, float]]:
    """Candidates, every raw line and the article's lines (page_candidates gives both) in; one feature mapping
    per candidate.

    A saved page's text dump opens with its <title> ("Headline - Site"): a
    candidate that line holds is confirmed by the page itself. A browser
    copy has no such line: there the headline is told by what stands around
    it (the article's first paragraph just below, saying the same thing in
    other words; a copy of it in a breadcrumb or a "Comments on ..." line)
    and by what does not (a related-stories header above, furniture the page
    repeats). Where a candidate stands tells too (structure_features): a
    site's name opens the page above its menus, or a domain or copyright
    line names it; a section label or a related story sits in a run of
    short headline-shaped lines of like length, under a list's label; the
    headline has its byline or date line right below and the first
    paragraph near.
    """
    opening = lines[0] if lines else None
    title_key = fold_words(opening.text) if opening is not None else ""
    folded = [fold_words(line.text) for line in lines]
    counts = Counter(folded)
    # Copies inside other short lines ("Comments on ...", a breadcrumb); in
    # prose, a headline's words are no echo.
    short_keys = [key for line, key in zip(lines, folded) if len(line.text.split()) < PROSE_MIN_WORDS]
    short_counts = Counter(short_keys)
    page_keys = "\n".join(f" {key} " for key in short_keys)
    owned = [index for index, line in enumerate(lines) if OWNER_LINE.search(line.text)]
    owners = [f" {folded[index]} " for index in owned]
    index_of = {line.number: index for index, line in enumerate(lines)}
    first_body = body[0].number if body else 0
    first_title = next((line.number for line in candidates if line.role == "title"), None)
    body_words = set(content_words(" ".join(line.text for line in body[:40]).casefold()))
    above = [line for line in candidates if line.number < first_body]
    lead_numbers = {other.number for other in body[:4]}
    page_lead = " ".join(other.text for other in body[:4])
    page_lead_words = set(content_words(page_lead.casefold()))
    page_lead_pairs = word_pairs(page_lead)
    around = page_structure(lines, first_body, owned)
    # The lines right below candidates, read once for each: neighbours share them.
    prose_read: dict[str, tuple[set[str], set[tuple[str, str]]]] = {}
    rows = []
    for line in candidates:
        text = line.text.strip()
        words = text.split()
        own = content_words(text.casefold())
        at = index_of[line.number]
        key = folded[at]
        below = line.number >= first_body
        rank = (len(above) - 1 - above.index(line)) if not below else candidates.index(line) - len(above)
        after = [lines[at + step] if at + step < len(lines) else None for step in (1, 2, 3)]
        # Words as count_words counts them: a paragraph of Chinese has no spaces.
        near = [size >= PROSE_MIN_WORDS for size in around.sizes[at + 1:at + 1 + PROSE_BELOW_LINES]]
        prose = next((other.text for other, size in zip(lines[at + 1:at + 1 + PROSE_BELOW_LINES],
                                                        around.sizes[at + 1:at + 1 + PROSE_BELOW_LINES])
                      if size >= PROSE_MIN_WORDS), "")
        copies = counts[key]
        if line.number in lead_numbers:       # the lead without the candidate itself
            lead = " ".join(other.text for other in body[:4] if other.number != line.number)
            lead_words, lead_pairs = set(content_words(lead.casefold())), word_pairs(lead)
        else:
            lead_words, lead_pairs = page_lead_words, page_lead_pairs
        if prose not in prose_read:
            prose_read[prose] = set(content_words(prose.casefold())), word_pairs(prose)
        prose_words, prose_pairs = prose_read[prose]
        digits = {char for char in set(text) if char.isdigit()}
        row = {
            "role-" + (line.role if line.role in ("title", "boilerplate", "heading", "standfirst",
                                                   "caption", "body") else "other"): 1.0,
            "rule-" + (line.rule if line.rule in ("outside-article", "repeated-line", "related-link",
                                                   "short-line", "title-repeat") else "other"): 1.0,
            "first-title": float(line.number == first_title),
            "in-page-title": float(line is not opening and bool(key) and len(key) >= 0.3 * len(title_key)
                                   and key in title_key),
            "short": float(len(words) <= 4), "long": float(len(words) >= 18),
            "ends-period": float(text.endswith(".")),
            "capitalised": capital_share(words),
            "all-caps": float(text.isupper()),
            "digits": (sum(not digits.isdisjoint(word) for word in words) / len(words)) if digits else 0.0,
            "meta-below": float(any(other is not None and other.role in ("byline", "dateline", "standfirst")
                                    for other in after)),
            "repeated": float(copies > 1),
            "repeated-above": float(key in folded[max(0, at - HEADLINE_WINDOW):at]),
            "echoed": float(len(words) >= 3 and page_keys.count(f" {key} ") > short_counts[key]),
            "in-copyright": float(any(f" {key} " in owner for owner in owners)),
            "dated": float(bool(find_dates(text)) or bool(RELATIVE_TIME.search(text))),
            "page-top": float(at < PAGE_TOP_LINES),
            "shaped-next": float(at + 1 < len(lines) and is_headline_shaped(lines[at + 1].text.strip())),
            "shaped-previous": float(at > 0 and is_headline_shaped(lines[at - 1].text.strip())),
            "related-above": float(any(other.rule in ("related-header", "related-link")
                                       for other in lines[max(0, at - 3):at])),
            "prose-next": float(bool(near) and near[0]),
            "prose-near": float(any(near)),
            "prose-above": float(any(size >= PROSE_MIN_WORDS for size in around.sizes[max(0, at - 2):at])),
            "lead-words": share_of(own, lead_words),
            "body-words": share_of(own, body_words),
            "prose-words": share_of(own, prose_words),
            "lead-pairs": share_pairs_of(word_pairs(text), lead_pairs, prose_pairs),
            **structure_features(line, at, lines, around),
        }
        if below:
            row["below-start"] = 1.0
            row["first-body"] = float(line.number == first_body)
            row["body-above"] = float(at > 0 and lines[at - 1].role in BODY_ROLES)
            row["below-rank"] = min(rank, HEADLINE_BELOW) / HEADLINE_BELOW
        else:
            row.update({"nearest": float(rank == 0), "second": float(rank == 1),
                        "third": float(rank == 2), "rank": min(rank, 10) / 10.0})
        rows.append(row)
    # No opening title line confirms a candidate (a browser copy): the other
    # evidence weighs differently there, and the trees may split on it.
    page = {"untitled": float(not any(row["in-page-title"] for row in rows)), "candidates": float(len(rows)),
            "short-candidates": float(sum(count_words(line.text) < PROSE_MIN_WORDS for line in candidates))}
    # Evidence weighs by how the candidate compares with the page's others:
    # the one whose words the lead repeats most, the only one with a byline below.
    best_pairs = max(row["lead-pairs"] for row in rows) if rows else 0.0
    best_words = max(row["lead-words"] for row in rows) if rows else 0.0
    credited = sum(row["credit-below"] for row in rows)
    for row in rows:
        row.update(page)
        row["lead-pairs-best"] = float(best_pairs > 0 and row["lead-pairs"] == best_pairs)
        row["lead-words-best"] = float(best_words > 0 and row["lead-words"] == best_words)
        row["credit-only"] = float(credited == 1 and row["credit-below"] == 1.0)
    return rows


# A run of headline-shaped lines one under another is a menu or a list of
# related stories; the headline stands alone, or with a kicker or deck.
# Lines counted each way, and the span a similar line (a sibling in a list)
# is looked for in.
RUN_MAX = 8
SIBLING_SPAN = 4
# A sibling's length is within this share of the candidate's (in words).
SIBLING_SHARE = 0.4
# Lines below a candidate where its byline or date line stands, and lines
# above where a list's header ("Related stories", "MORE FROM THE BLOG:") stands.
CREDIT_BELOW = 3
LABEL_ABOVE = 2
LABEL_MAX_WORDS = 6
# How far (in lines) to the article's first paragraph is worth telling apart.
PROSE_GAP_MAX = 20
# Words that name a kind of publication: a line holding one may be the
# site's name ("The Facebook Blog", "Michael Brenner's Blog on B2B
# Marketing", "The Red Ferret Journal").
OUTLET_WORD = re.compile(r"(?i)\b(?:blog|weblog|journal|magazine|news|times|daily|weekly|tribune|herald|gazette"
                         r"|online|digest|chronicle|post|review|\.com)\b")
# A web domain in the page's text ("www.getmorefromlife.com", "joe@blog.net",
# "bbc.co.uk"): the name just before its suffix.
DOMAIN = re.compile(r"(?i)\b([a-z0-9][a-z0-9-]*)\.(?:co\.uk|com\.au|com|net|org|info|biz|blog|io|us|uk|de|fr|ca|au|in)\b")
# A domain name this short ("cbs", "bbc") is a word of many a headline.
DOMAIN_MIN_CHARS = 4


@dataclass
class PageStructure:
    """What the features of every candidate share: the page's shaped lines, prose lines, domains and owner lines."""

    sizes: list[int]                 # words of each line (count_words)
    prose: list[int]                 # indices of prose lines
    domains: set[str]                # domain names, letters and digits only ("getmorefromlife")
    owner_words: set[str]            # content words of the copyright lines
    first_shaped: int                # index of the page's first headline-shaped line
    first_body: int                  # index of the first body line
    datelines: dict[int, bool] = field(default_factory=dict)   # is_dateline of lines asked about, by index
    shaped: dict[int, bool] = field(default_factory=dict)      # is_shaped of lines asked about, by index

    def is_shaped(self, lines: list[Line], index: int) -> bool:
        """Every raw line and an index in; whether that line is a short headline-shaped one (a paragraph
        of 20 words is no sibling in a list), worked out once per line."""
        if index not in self.shaped:
            self.shaped[index] = self.sizes[index] < PROSE_MIN_WORDS and is_headline_shaped(lines[index].text.strip())
        return self.shaped[index]

    def is_dateline_at(self, lines: list[Line], index: int) -> bool:
        """Every raw line and an index in; whether that line is a date line (worked out once per line)."""
        if index not in self.datelines:
            self.datelines[index] = is_dateline(lines[index].text.strip())
        return self.datelines[index]


def page_structure(lines: list[Line], first_body: int, owned: list[int] | None = None) -> PageStructure:
    """Every raw line, the first body line's number (and the indices of the lines OWNER_LINE finds, where
    known) in; what the candidates' structure features need."""
    sizes = [count_words(line.text) for line in lines]
    text = "\n".join(line.text for line in lines)
    domains = {re.sub(r"[^a-z0-9]", "", found.group(1).casefold()) for found in DOMAIN.finditer(text)}
    if owned is None:
        owned = [index for index, line in enumerate(lines) if OWNER_LINE.search(line.text)]
    owners = " ".join(lines[index].text for index in owned).casefold()
    page = PageStructure(
        sizes=sizes,
        prose=[index for index, size in enumerate(sizes) if size >= PROSE_MIN_WORDS],
        domains={domain for domain in domains if len(domain) >= DOMAIN_MIN_CHARS and domain != "www"},
        owner_words=set(content_words(owners)),
        first_shaped=len(lines),
        first_body=next((index for index, line in enumerate(lines) if line.number >= first_body), len(lines)))
    page.first_shaped = next((index for index in range(len(lines)) if page.is_shaped(lines, index)), len(lines))
    return page


def structure_features(line: Line, at: int, lines: list[Line], page: PageStructure) -> dict[str, float]:
    """A candidate, its index among every raw line, the lines and the page's structure in; the features
    that tell a headline from a site name, a section label or a related story by where it stands."""
    text = line.text.strip()
    size = page.sizes[at]
    up = 0
    while up < RUN_MAX and at - up - 1 >= 0 and page.is_shaped(lines, at - up - 1):
        up += 1
    down = 0
    while down < RUN_MAX and at + down + 1 < len(lines) and page.is_shaped(lines, at + down + 1):
        down += 1
    siblings = sum(1 for index in range(max(0, at - SIBLING_SPAN), min(len(lines), at + SIBLING_SPAN + 1))
                   if index != at and page.is_shaped(lines, index)
                   and abs(page.sizes[index] - size) <= SIBLING_SHARE * max(size, 1))
    below = range(at + 1, min(len(lines), at + 1 + CREDIT_BELOW))
    above = [other for other in lines[max(0, at - LABEL_ABOVE):at]]
    squashed = re.sub(r"[^a-z0-9]", "", text.casefold())
    own = content_words(text.casefold())
    gap = next((index - at for index in page.prose if index > at), PROSE_GAP_MAX)
    return {
        "run-above": up / RUN_MAX,
        "run-below": down / RUN_MAX,
        "siblings": siblings / (2 * SIBLING_SPAN),
        "credit-below": float(any(lines[index].role in ("byline", "dateline") or BYLINE.match(lines[index].text.strip())
                                  or page.is_dateline_at(lines, index) for index in below)),
        "date-above": float(any(lines[index].role == "dateline" or page.is_dateline_at(lines, index)
                                for index in range(max(0, at - LABEL_ABOVE), at))),
        "label-above": float(any(other.text.strip().endswith(":") or other.role in ("section", "related-header")
                                 or other.rule in ("related-header",)
                                 or (other.text.isupper() and len(other.text.split()) <= LABEL_MAX_WORDS)
                                 for other in above)),
        "domain": float(bool(squashed) and any(domain in squashed or squashed in domain
                                               for domain in page.domains)),
        "owner-words": sum(word in page.owner_words for word in own) / len(own) if own else 0.0,
        "first-shaped": float(at == page.first_shaped),
        "prose-gap": min(gap, PROSE_GAP_MAX) / PROSE_GAP_MAX,
        "top-share": min(1.0, at / page.first_body) if page.first_body else 1.0,
        "words": min(size, HEADLINE_MAX_WORDS) / HEADLINE_MAX_WORDS,
        "outlet-word": float(bool(OUTLET_WORD.search(text))),
    }



def no_headline_features(rows: list[dict[str, float]]) -> dict[str, float]:
    """A page's candidate features in; the features of the choice "none of them is the headline"."""
    untitled = bool(rows) and not any(row["in-page-title"] for row in rows)
    return {NO_HEADLINE: 1.0, "untitled": float(untitled), "candidates": float(len(rows)),
            "short-candidates": rows[0].get("short-candidates", 0.0) if rows else 0.0}


def capital_share(words: list[str]) -> float:
    """A line's words in; the share that start with a capital, 1.0 where no word starts with a cased
    letter: a script without case (Chinese, Arabic) writes a headline as it writes a sentence."""
    if not any(word[:1].isupper() or word[:1].islower() for word in words):
        return 1.0
    return sum(word[:1].isupper() for word in words) / len(words)


def word_pairs(text: str) -> set[tuple[str, str]]:
    """Text in; the pairs of adjacent words in it (folded), out."""
    words = FOLD_WORD.findall(text.casefold())
    return set(zip(words, words[1:]))


def share_of(own: list[str], words: set[str]) -> float:
    """A line's content words (CONTENT_WORD, folded) and a set of words in; the share of them found in the set."""
    return sum(word in words for word in own) / len(own) if own else 0.0


def share_pairs_of(own: set[tuple[str, str]], pairs: set[tuple[str, str]], more: set[tuple[str, str]]) -> float:
    """A line's word pairs and two sets of pairs in; the share of its pairs found in either (share_pairs over
    their union, without making it)."""
    return sum(pair in pairs or pair in more for pair in own) / len(own) if own else 0.0


class HeadlineModel:
    """The shipped headline ranker: its feature names, in the order of its columns, and its trees."""

    def __init__(self, spec: dict) -> None:
        self.features = list(spec["features"])
        self.forest = Forest(spec["trees"])

    def score(self, rows: list[Mapping[str, float]]) -> list[float]:
        """Feature mappings in; their scores (higher: more likely the headline) out."""
        x = np.array([[row.get(name, 0.0) for name in self.features] for row in rows], dtype=np.float64)
        return self.forest.raw(x.reshape(len(rows), len(self.features))).tolist()


@functools.cache
def load_headline_model(path: Path = HEADLINE_MODEL_PATH) -> HeadlineModel:
    """The shipped headline ranker, read once per process."""
    with open(path, encoding="utf-8") as f:
        return HeadlineModel(json.load(f))


def score_headlines(rows: list[Mapping[str, float]]) -> list[float]:
    """Candidates' features (and the choice "none", last) in; their scores out."""
    return load_headline_model().score(rows)


def choose_headline(lines: list[Line]) -> Line | None:
    """Every raw line with its role in; the headline line, or None, out."""
    return weigh_headline(lines)[0]


def weigh_headline(lines: list[Line]) -> tuple[Line | None, bool, Line | None]:
    """Every raw line with its role in; (the headline line or None, whether candidates were weighed,
    the candidate the ranker scores best however doubtful) out.

    Weighed and none chosen means no line above or at the body's start is a
    headline the evidence supports: the title is then flagged for review,
    not taken from a line the cleaner called a title. The best line is
    still the headline on 3 of 5 such browser copies (cross-validated by
    site on the training copies: 17 of 28), and a title drawn from the
    first sentence almost never is: a title flagged for review is that
    line, not the sentence.
    """
    candidates, body = page_candidates(lines)
    if not candidates:
        return None, False, None
    rows = headline_features(candidates, lines, body)
    scores = score_headlines(rows + [no_headline_features(rows)])
    best = max(range(len(candidates)), key=lambda index: scores[index])
    if not rows[best]["in-page-title"]:
        confirmed = find_title_confirmed(lines)
        if confirmed is not None:
            return confirmed, True, candidates[best]
    if is_doubtful_pick(scores[:-1], scores[-1]):
        return None, True, candidates[best]
    return candidates[best], True, candidates[best]


def is_doubtful_pick(scores: Sequence[float], none: float, margin: float = NO_HEADLINE_MARGIN,
                     near: float = NEAR_TIE, least: float = DOUBTFUL_SHARE) -> bool:
    """The candidates' scores and the score of the choice "none" (and the margin, near tie and least
    share) in; True when the best candidate is no confident headline: "none" beats it by the margin, it
    is a near tie with both the next best candidate and "none", or it holds less than the least share
    of the weight of all the choices."""
    ranked = sorted(scores, reverse=True)
    if not ranked or ranked[0] < none - margin:
        return True
    if len(ranked) > 1 and ranked[0] - ranked[1] < near and ranked[0] < none + near:
        return True
    return headline_share(ranked[0], [*ranked[1:], none]) < least


def headline_share(best: float, others: Sequence[float]) -> float:
    """The best candidate's score and every other choice's in; the best one's share of their weight
    (the softmax of the scores), out."""
    top = max([best, *others])         # scores shifted so no weight overflows
    mine = math.exp(best - top)
    return mine / (mine + sum(math.exp(score - top) for score in others))


# A line the page's opening title line ("Headline - Site") confirms is its
# headline wherever it stands, when none of the lines just above the body
# is: a cleaner that took comments or a teaser for the body has moved the
# window of candidates, not the headline. The line must be a whole part of
# the title line, cut from the rest at a separator (a copied page opens with
# its masthead or menu instead, which may hold a later line's words but is
# not cut there). It holds at least this share of the title line's words
# and this many words: a site name or section is the shorter part.
CONFIRMED_MIN_WORDS = 3
CONFIRMED_MIN_SHARE = 0.5
TITLE_PART_SEPARATORS = "-|:\u2013\u2014\u00bb\u00ab\u00b7\u2022~/"


def find_title_confirmed(lines: list[Line]) -> Line | None:
    """Every raw line in; the first line below the opening one that is a whole part of the opening
    (title) line, cut from the rest at a separator, or None."""
    if len(lines) < 2:
        return None
    opening = lines[0].text.strip().casefold()
    if opening[:1] in "\u00ab\u2039" or opening[-1:] in "\u00bb\u203a":
        return None                   # "« Previous post | Main | Next post »": navigation, not a title
    opening_key = fold_words(opening)
    least = max(CONFIRMED_MIN_WORDS, CONFIRMED_MIN_SHARE * len(opening_key.split()))
    for line in lines[1:]:
        if len(line.text) > 2 * len(opening):
            continue                  # longer than the title line: a paragraph (and most lines are)
        words = re.findall(r"\w+", line.text.casefold())
        if len(words) < least or " ".join(words) not in opening_key:
            continue
        found = re.search(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", opening)
        if found is None:
            continue
        before, after = opening[:found.start()].rstrip(), opening[found.end():].lstrip()
        if ((before or after) and (not before or before[-1] in TITLE_PART_SEPARATORS)
                and (not after or after[0] in TITLE_PART_SEPARATORS)
                and is_headline_shaped(line.text.strip())):
            return line
    return None


FOLD_WORD = re.compile(r"\w+")


# Kept for the lines seen last: a page folds each line in several of its stages.
@functools.lru_cache(maxsize=NAMES_KEPT)
def fold_words(text: str) -> str:
    """Text in; its words in lower case, single spaces, out."""
    return " ".join(FOLD_WORD.findall(text.casefold()))


def find_fallback_title(roles: Mapping[str, list[Line]]) -> str | None:
    """Lines by role in; an unassigned line before the body that reads like a headline, or None, out."""
    first_body = roles["body"][0].number if roles["body"] else None
    for line in roles["other"]:
        if line.role != "unknown" or (first_body is not None and line.number > first_body):
            continue
        text = line.text.strip()
        if (len(text.split()) >= DERIVED_TITLE_MIN_WORDS and len(text) <= TITLE_MAX_CHARS * 2
                and not BYLINE.match(text) and not KEY_VALUE.match(text)
                and not any(found.is_full for found in find_dates(text))):
            return text
    return None


# A count glued to a headline line ("The Nation Is Losing Its Toolbox 524": the
# comments bubble beside the headline, copied onto its line) is no part of the
# headline when the page writes the headline again without it; a number the
# headline itself ends with ("... With iPhone 5") is written with it.
GLUED_COUNT = re.compile(r"^(?P<headline>.*\S)\s+\d{1,6}$")


def without_glued_count(text: str, lines: Iterable[Line]) -> str:
    """A headline line's text and every line of its page in; the headline, less a count glued on."""
    text = SPACES.sub(" ", text).strip()
    found = GLUED_COUNT.match(text)
    if found:
        bare = fold_words(found["headline"])
        if any(fold_words(line.text) == bare for line in lines):
            return found["headline"]
    return text


def find_title(seed: Seed, headline: Line | None, roles: Mapping[str, list[Line]],
               page_meta: Mapping[str, Any], publisher: str | None,
               outlets: Outlets, weighed: bool = False) -> tuple[str | None, str | None]:
    """Seed, the headline line chosen among its lines (and whether its lines were weighed), its lines by role, page metadata and publisher in; (headline, the evidence it comes from) out."""
    site = fold_words(publisher or "")
    if seed.kind == "text" and headline is not None:
        text = without_glued_count(headline.text, itertools.chain.from_iterable(roles.values()))
        if fold_words(text) != site:
            return text, "headline"
    rejected = seed.kind == "text" and weighed and headline is None
    for line in [] if rejected else roles["title"]:
        if is_headline_shaped(line.text.strip()) and fold_words(line.text) != site:
            return SPACES.sub(" ", line.text).strip(), "headline"
    if page_meta.get("title"):
        title = strip_publisher_suffix(str(page_meta["title"]), publisher, outlets)
        return title, str(page_meta.get("title_from") or "page title")
    fallback = None if rejected else find_fallback_title(roles)
    return (fallback, "headline") if fallback else (None, None)


# --- The stage ------------------------------------------------------------------------

def find_headline_number(headline: Line | None, roles: Mapping[str, list[Line]], lines: Iterable[Line]) -> int:
    """The headline line, lines by role and every raw line in; the number of the headline's last copy above the
    body (a text dump's <title> line repeats it first), or 0, out."""
    if headline is None:
        return 0
    body_start = next((line.number for line in roles["body"] if line.number > 0), 0)
    folded = fold_words(headline.text)
    return max((line.number for line in lines if line.number < body_start and fold_words(line.text) == folded),
               default=headline.number)


def extract_metadata(seed: Seed, extraction: Extraction, outlets: Outlets | None = None,
                     page: HtmlPage | None = None, run_sites: frozenset[str] = frozenset()) -> Metadata:
    """Seed, its extraction, the known outlets (a saved page's stated metadata, the site names the run's
    files agree on: find_run_site) in; the article's Metadata, with flags for what is missing, out."""
    outlets = outlets or NO_OUTLETS
    page_meta = page.meta if page is not None else {}
    roles = group_lines(seed, extraction)
    # A date line a cleaner took for the headline ("تاريخ النشر: 10 فبراير 2020") dates the article.
    misread = [line for line in roles["title"] if is_dateline(line.text)]
    if misread:
        roles["dateline"] = misread + roles["dateline"]
        roles["title"] = [line for line in roles["title"] if line not in misread]
    paragraphs = [block.text for block in extraction.blocks if block.kind == "p"] or [
        line.text for line in roles["body"]]
    lead = paragraphs[0].strip() if paragraphs else ""
    body = "\n".join(block.text for block in extraction.blocks) or "\n".join(paragraphs)
    flags: list[Flag] = []

    raw_lines = list(extraction.lines)
    headline, weighed, likeliest = (weigh_headline(raw_lines) if seed.kind == "text" and raw_lines
                                    else (None, False, None))
    headline_text = headline.text if headline else None
    author, editor, wire, byline_line = extract_people(roles, page_meta, outlets, headline, extraction.lines)
    # The reporters a Chinese wire formula names in its brackets write the
    # story, as a byline would; a byline or the page's metadata says better.
    author = author or find_wire_reporters(lead)
    source, credited = extract_source(roles, lead, outlets, paragraphs[-1] if paragraphs else "")
    source = source or wire
    furniture = [line for line in roles["other"] if line.role in ("boilerplate", "unknown")
                 and len(line.text.split()) <= SITE_FURNITURE_MAX_WORDS
                 and not find_keyed([line], SOURCE_KEYS)]
    opening_site = find_opening_site(raw_lines, headline_text)
    masthead_site = None
    evidence = None                   # gather_site_evidence's, worked out once, when first asked for
    if seed.kind == "text":
        # A text dump opens with its <title> line: the masthead stands above
        # the headline's copy where the article starts, the last one above the body.
        headline_number = find_headline_number(headline, roles, extraction.lines)
        masthead_site = find_masthead_site(raw_lines, headline_text, headline_number)
        if opening_site:
            # A title line's part ("Headline - Tech News and Analysis", a
            # tagline) yields to a name more kinds of evidence agree on.
            evidence = gather_site_evidence(raw_lines, headline_text, headline_number, author)
            agreed = choose_agreed_site(evidence)
            opening_kinds = max((len(kinds) for name, kinds in evidence.items()
                                 if site_key(name) == site_key(opening_site)), default=0)
            if agreed and len(evidence[agreed]) >= SITE_OVER_TITLE_KINDS and len(evidence[agreed]) > opening_kinds:
                opening_site = None
    publisher, publisher_from = extract_publisher(page_meta, furniture, outlets, opening_site, masthead_site)
    if source is None and publisher_from in (None, "copyright") and seed.kind == "text":
        near = near_headline(roles)
        below = [line for line in extraction.lines if headline is not None
                 and 0 < line.number - headline.number <= DATE_BELOW_LINES]
        site, site_from = find_dateline_site(below + [line for line in roles["dateline"] if near(line)]), "date line"
        if site is None:
            site, site_from = find_footer_site(raw_lines, author), "footer"
        if site is None:
            if evidence is None:
                evidence = gather_site_evidence(raw_lines, headline_text, headline_number, author)
            site, site_from = choose_agreed_site(evidence), "agreement"
        if site is None:
            site, site_from = find_address_site(raw_lines), "address"
        if site is None:
            site, site_from = find_mentioned_site(raw_lines, headline_text, author), "mention"
        if site is None:
            site, site_from = find_run_site(raw_lines, run_sites, author), "run"
        if site:
            publisher, publisher_from = name_outlet(site, outlets) or site, site_from
    if source is None and publisher_from in ("site name", "url", "page title", "masthead", "footer", "date line",
                                             "agreement", "address", "mention", "run"):
        source = publisher            # a page that names itself and credits no wire is its own source
    source = source or credited
    if source is None:
        source, source_reason = find_told_outlet(body, outlets)
        if source_reason:
            flags.append(Flag("source-inferred", source_reason))
    if source is None:
        flags.append(Flag("no-source", "no source outlet or wire found"))

    zone = next((read_zone(outlets.outlets[name].timezone) for name in (publisher, source)
                 if name in outlets.outlets and outlets.outlets[name].timezone), None)
    context = [line.text for role, lines in roles.items() if role != "other"
               for line in lines if line.role != "boilerplate"] + [
        line.text for line in roles["other"] if line.role != "boilerplate"] or [seed.text]
    url = str(page_meta.get("url") or seed.overrides.get("url") or seed.overrides.get("source_url") or "")
    stamped, date_reason, date_from = extract_date(roles, page_meta, lead, context, zone, url,
                                                   headline, extraction.lines)
    if date_reason:
        flags.append(Flag("date-inferred", date_reason))
    modified = extract_modified(roles, page_meta, zone, headline, extraction.lines)
    if stamped is None and modified:
        # A page that states only when it was updated was published that day
        # or before: the day files it, flagged, and `modified` keeps the label.
        stamped, date_reason, date_from = modified, (
            f"the page states only when it was updated ({modified[:10]})"), "updated"
        flags.append(Flag("date-inferred", date_reason))
    if stamped is None:
        flags.append(Flag("no-date", "no publication date found"))

    title, title_from = find_title(seed, headline, roles, page_meta, publisher, outlets, weighed)
    title_derived = False
    # Lines weighed and none confident: the likeliest line is the title, for
    # review, unless it is the site's name, a table's row, or a paragraph (the
    # lead, most often), whose first sentence is the title drawn below.
    doubtful = likeliest if title is None and weighed else None
    if (doubtful is not None and fold_words(doubtful.text) != fold_words(publisher or "")
            and count_words(doubtful.text) < PROSE_MIN_WORDS and not is_table_row(doubtful.text.strip())):
        title = without_glued_count(doubtful.text, raw_lines)
        title_derived, title_from = True, "doubtful headline"
        flags.append(Flag("title-derived", "no confident headline; title is the likeliest headline line"))
    if title is None:
        title = derive_title(lead, outlets)
        title_derived = title is not None
        title_from = "first sentence" if title_derived else None
        flags.append(Flag("title-derived", "no headline found; title drawn from the first sentence")
                     if title_derived else Flag("no-title", "no headline and no text to draw one from"))

    standfirst = " ".join(line.text.strip() for line in roles["standfirst"])
    real = list(itertools.islice((text for text in paragraphs if is_real_paragraph(text)), 2))   # the two a summary takes
    summary_text = standfirst or str(page_meta.get("description") or "").strip() or join_lines(
        # a Japanese wire credit may close the second paragraph too ("…と述べた。（共同）")
        [strip_dateline(real[0], outlets)] + [strip_japanese_wire_credit(text, outlets) for text in real[1:2]]
        if real else [strip_dateline(lead, outlets)] + paragraphs[1:2])
    summary_text = SHARE_LABEL.sub("", summary_text).strip()
    markup_lang = None
    if page_meta.get("lang"):             # the language alone: a page's region or variant is often wrong
        markup_lang = clean_lang(str(page_meta["lang"]).strip().replace("_", "-").split("-")[0])
        if markup_lang is None:
            flags.append(Flag("lang-dropped", f"lang {str(page_meta['lang'])[:40]!r} is not a "
                                              "known language code; dropped", warn=True))
    lang, lang_from = choose_language(body, markup_lang)
    if lang is not None and clean_lang(lang) is None:
        lang, lang_from = None, None

    return Metadata(
        title=title,
        title_derived=title_derived,
        title_from=title_from,
        date=stamped,
        date_inferred=date_reason is not None,
        date_from=date_from,
        modified=modified,
        author=author,
        source=source,
        publisher=publisher,
        editor=editor,
        section=extract_section(roles, page_meta, author),
        summary=cut_summary(summary_text) if summary_text.strip() else None,
        source_url=str(page_meta["url"]) if page_meta.get("url") else None,
        lang=lang,
        lang_from=lang_from,
        dir=text_direction(lang),
        flags=flags,
        byline_line=byline_line,
    )


def apply_overrides(meta: Metadata, overrides: Mapping[str, Any]) -> Metadata:
    """Metadata and an editor's values (title, date, source, author, section, summary, url, lang) in; a new Metadata where the editor's win out."""
    changes: dict[str, Any] = {}
    settled: set[str] = set()
    flags = list(meta.flags)
    for key, value in (overrides or {}).items():
        name = OVERRIDE_FIELDS.get(key)
        if name is None or value is None or not str(value).strip():
            continue          # an empty value in a sidecar is no override
        if isinstance(value, (Mapping, list, tuple, set)):
            flags.append(Flag("override-unread", f"{key}: a list or mapping is not a value; ignored"))
            continue
        if name == "date":
            value, problem = read_override_date(value)
            changes["date_inferred"] = False
            if problem:       # the editor's date is refused: the article is dated unknown, never dropped
                flags.append(Flag("date-override-unread", problem, warn=True))
                changes["date"] = None
                continue
            changes["date_from"] = "sidecar"
        elif name == "source_url":
            value = clean_url(str(value))
            if value is None:
                flags.append(Flag("url-dropped", f"{key} {str(overrides[key])[:80]!r} is not an "
                                                 "http, https or mailto address; dropped", warn=True))
                continue
        elif name == "approved":
            value = is_true(value)
        elif name == "lang":
            value = clean_lang(value)
            if value is None:
                flags.append(Flag("lang-dropped", f"lang {str(overrides[key])[:40]!r} is not a "
                                                  "known language code; dropped", warn=True))
                continue
        else:
            value = str(value).strip()
        if name == "title":
            changes["title_derived"] = False
            changes["title_from"] = "sidecar"
        if name == "lang":
            changes["dir"] = text_direction(value.split("-")[0].lower())
            changes["lang_from"] = "sidecar"
        changes[name] = value
        settled |= FLAGS_SETTLED.get(name, frozenset())
    found = changes.get("date", meta.date)
    problem = check_date(found) if found else None
    if problem and "date" not in changes:     # the page's own date, not one the editor gave
        flags.append(Flag("date-unread", f"the page's date {problem}; ignored", warn=True))
        changes["date"], changes["date_inferred"] = None, False
    flags = [flag for flag in flags if flag.code not in settled]
    return replace(meta, **changes, flags=flags)


# Years an article's date may have. The first printed newspapers are of
# the 1600s; a later year than 2999 is a typing slip, and near 9999 a time
# zone carries the date past what Python's datetime (and Pelican) can hold.
EARLIEST_YEAR = 1600
LATEST_YEAR = 2999
# An editor's date written as a date: digits and the separators of ISO 8601
# or of a written-out date; a sign, an exponent or an "inf" is none.
DATE_CHARACTERS = re.compile(r"[\w .,:/+-]+")


def read_override_date(value: Any) -> tuple[str | None, str | None]:
    """An editor's date (a YAML date, datetime or string) in; (ISO 8601 string or None, problem or None) out."""
    if isinstance(value, (date, datetime)):
        stamped = value.isoformat()
    else:
        text = str(value).strip()
        stamped = read_iso(text, None) if DATE_CHARACTERS.fullmatch(text) else None
        if stamped is None or text.startswith(("-", "+")) or not text[:1].isalnum():
            return None, (f"date {printable_value(value)} is not a date; ignored, "
                          "the article is dated unknown")
    problem = check_date(stamped)
    if problem:
        return None, f"date {problem}; ignored, the article is dated unknown"
    return stamped, None


def check_date(stamped: str) -> str | None:
    """An ISO 8601 date in; None when an article may carry it, else what is wrong with it."""
    try:
        moment = datetime.fromisoformat(stamped)
    except ValueError:
        return f"{printable_value(stamped)} is not a date"
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        return (f"{printable_value(stamped)} is out of range (years {EARLIEST_YEAR} "
                f"to {LATEST_YEAR})")
    return None


def printable_value(value: Any) -> str:
    """An editor's value in; quoted for a message, at most 80 characters."""
    text = str(value)
    return repr(text if len(text) <= 80 else text[:77] + "...")
