"""Stage 4: tags from a controlled vocabulary (tags.yaml) for one article.

build_vocabulary compiles every alias of every tag into two trie-shaped
regexes once (one matched without regard to case, one for acronyms and
other names that must keep their case), so tagging an article is one
linear scan per regex plus dictionary look-ups.
"""
from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Mapping

import yaml

from .names import NAME_END, NAME_START, NameMatcher, compile_matchers, is_acronym, match_names, normalise_alias
from .rules import MONTHS

TAG_KINDS = frozenset({"place", "organisation", "person", "topic"})

# In a Headline Written In Title Case every word is capitalised, so an alias
# that is also an English word ("Hit", "Turkey") proves nothing there: a line
# of at least this many words, this share of them capitalised, is such a headline.
TITLE_CASE_MIN_WORDS = 4
TITLE_CASE_MIN_SHARE = 0.8

# Arabic and European particles that may sit inside a name but never at its edge.
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "the", "of", "for"})
# suggest_tags: a capitalised word, maybe with an Arabic article glued on
# by a hyphen ("al-Sanad"), and the small words allowed inside a name.
CAPITALISED_WORD = (r"(?:(?:al|el|ad|as|ash|abu|bin|ibn)[-\u2010])?"
                    r"[A-Z\u00c0-\u00d6\u00d8-\u00de]\w*(?:[-\u2010][A-Za-z]\w*)*")
NAME_CONNECTORS = "(?:%s)" % "|".join(sorted(NAME_PARTICLES))
NAME_RUN = re.compile(
    rf"(?<![\w\-]){CAPITALISED_WORD}(?:[ \u00a0](?:{NAME_CONNECTORS}[ \u00a0])*{CAPITALISED_WORD})+")
WORD = re.compile(r"[^\s\u00a0]+")
# Capitalised words that open a sentence or a title rather than a name.
NAME_NOISE_WORDS = frozenset({
    "a", "an", "the", "in", "on", "at", "as", "but", "and", "or", "for", "of",
    "however", "meanwhile", "separately", "additionally", "late", "last",
    "early", "this", "that", "these", "those", "their", "his", "her", "its",
    "our", "we", "they", "he", "she", "it", "when", "while", "after", "before",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
})
# Titles and ranks: they break a run into names ("Interior Ministry
# Brigadier General Saad Maan" -> "Interior Ministry", "Saad Maan").
NAME_TITLE_WORDS = frozenset({
    "mr", "mrs", "ms", "dr", "col", "gen", "lt", "maj", "capt", "brig",
    "prime", "minister", "president", "secretary", "spokesman", "spokeswoman",
    "commander", "general", "brigadier", "colonel", "sheikh", "leader",
    "defense", "defence", "deputy", "member", "head", "chief",
})
NAME_EDGE_WORDS = NAME_NOISE_WORDS | NAME_TITLE_WORDS | NAME_PARTICLES
# A name is a vocabulary candidate when it (or its last word) comes up at
# least this often: tuned on the seeds, where the people quoted at length
# ("al-Sanad", "Mohandis") recur and passing mentions do not.
SUGGEST_MIN_MENTIONS = 2
# Last words shorter than this ("Al", "Bu") are not counted on their own.
SURNAME_MIN_CHARS = 4
# Case-blind regex matching (re.IGNORECASE) takes an ASCII character for
# its other case and for these four letters only, one character for one
# (tests/test_tagging.py checks every code point): a text folded by this
# table and lowercased is searched for an ASCII surname with plain str.find,
# many times faster than a case-blind regex compiled per name.
ASCII_CASE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
WORD_CHAR = re.compile(r"\w")      # what NAME_START and NAME_END look at


# What makes an article about a name (assign_tags), strongest first.
# Precision first: an untagged article is better than a wrongly tagged one,
# and the commonest wrong tag is a country named in passing (a greeting, a
# comparison, a company's or a person's description, an aside).
# - it is named in the headline;
# - it is named in a dateline (the place the story happens);
# - it is named in the lede (the first sentence, which says what the story
#   is and where it happens) and again: a person once is enough, a place, a
#   group or a topic needs ABOUT_LEAD_MENTIONS mentions ("now that the
#   election is over", "My fellow Americans" open many a post about
#   something else). An article shorter than SHORT_ARTICLE_WORDS is all
#   lead: once in its first sentence is enough;
# - it is named in the lead (the first ABOUT_LEAD_CHARS characters after
#   the headline, where the dateline and first paragraph sit) and again
#   later: a lead names the subject, and its passing references ("imported
#   from the USA", "When Al Qaeda struck a decade ago") once;
# - it is named at least ABOUT_MIN_MENTIONS times (a topic, a common word
#   such as "election" or "terrorism", ABOUT_TOPIC_MENTIONS times), in at
#   least ABOUT_MIN_PARAGRAPHS paragraphs, or further apart than a passage:
#   a tenth of the text, at most ABOUT_PASSAGE_CHARS (about a paragraph; a
#   text copy may hold an article in two long lines). Four mentions in one
#   comparison ("Chinese cities like Beijing...", two short paragraphs of a
#   long article) are one aside.
# A place's mentions are weighed against the article's length: outside the
# headline and a dateline it needs one mention per PLACE_WORDS_PER_MENTION
# words (at most PLACE_MAX_MENTIONS), as a long post names many countries
# once or twice. Measured on the seven hand-checked lists
# (benchmarks/tags_checked_recheck.md).
# "A commander told reporters in Baghdad" in the second sentence is where
# the news was given, not where it happened.
ABOUT_LEAD_CHARS = 400
ABOUT_MIN_MENTIONS = 3
ABOUT_LEAD_MENTIONS = 2
ABOUT_TOPIC_MENTIONS = 4
PLACE_WORDS_PER_MENTION = 300
PLACE_MAX_MENTIONS = 6
SHORT_ARTICLE_WORDS = 120
ABOUT_MIN_PARAGRAPHS = 3
ABOUT_PASSAGE_CHARS = 600
ABOUT_PASSAGE_SHARE = 0.1
NEWLINE = re.compile(r"\n")
# A mention whose passage (this many characters either side) the page has
# already given is one mention: a pull quote, a teaser, a paragraph the
# page repeats.
REPEATED_PASSAGE_CHARS = 40
# A dateline opening a paragraph of the lead ("MOSUL, Iraq (AP) -",
# "DUBAI, United Arab Emirates -") names the place the story happens, as the
# headline would. Its city is set in capitals, which sets it apart from a
# sentence with a dash in it.
DATELINE = re.compile(r"""(?m)^(
    [A-Z\u00c0-\u00de][A-Z\u00c0-\u00de .'\-]{1,30}?     # the city, in capitals
    (?:,[^\n,()\-\u2013\u2014]{2,30})?                    # maybe its country or state
    )\s*(?:\([^)\n]{1,30}\)\s*)?                          # maybe the agency: (AP)
    (?:--|[-\u2013\u2014])\s""", re.VERBOSE)
# ... and in the scripts without capitals: an Arabic city and a dash
# ("بغداد - أعلنت"), a Chinese agency's or paper's formula ("新华社巴格达电",
# Xinhua, Baghdad, by wire; "本报北京电").
UNCASED_DATELINE = re.compile(r"(?m)^(?:([\u0600-\u06ff]+(?:[ \u00a0][\u0600-\u06ff]+)?)[ \u00a0]*(?:\([^)\n]{1,30}\)[ \u00a0]*)?"
                              r"[-\u2013\u2014][ \u00a0]"
                              r"|((?:[\u4e00-\u9fff]{1,6}社|本报)[\u4e00-\u9fff]{1,12}?(?:\d{1,2}月\d{1,2}日)?电))")
# A place tagged by its count alone (neither in the headline nor in the
# lead) must be named at least this share as often as the article's most
# named place: an article about Syria names Iraq as its neighbour three or
# four times in forty. Tuned on the corpus's Syria page (Jordan, a party,
# 8 of 40, stays).
PLACE_MIN_SHARE = 0.15
# A line of the body with fewer words than this and no sentence end is a
# headline: the article's own subheading, or another story's (a related
# link, a digest's next item). Names in it are no evidence of what the
# article is about; the article's own subject comes up in its sentences too.
SUBHEAD_MAX_WORDS = 12
# A sentence ends at a stop after a lower-case letter or a digit ("U.S."
# does not end one), or at a Chinese or Arabic full stop; a title or a
# month cut short ("Sen. Barack Obama", "Dec. 5", "10 a.m. on") ends none.
ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Col", "Lt", "Capt", "Sgt", "Adm",
                 "Maj", "Brig", "Cpl", "Pvt", "Rev", "Prof", "Sr", "Jr", "St", "Mt", "Ft", "No", "vs",
                 "Inc", "Co", "Corp", "Ltd", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
                 "Sept", "Oct", "Nov", "Dec", "a.m", "p.m", "etc", "approx", "est")
LEDE_END = re.compile(r"(?:%s(?<=[^\W_A-Z])[.!?](?=[\s\"\u201d\u2019])|[\u3002\u061f\u06d4])"
                      % "".join(r"(?<!\b%s)" % re.escape(word) for word in ABBREVIATIONS))
ENDS_SENTENCE = re.compile(r"[.!?:;\u2026\u3002\u061f\"\u201d\u2019')\]\u00bb]\s*$")
# Aliases that are also everyday words: a mention between the words that
# go with the everyday word ("there IS an oxygen bar") tags nothing.
COMMON_WORD_ALIASES = frozenset({"is", "us", "it", "am", "may", "so", "no", "or", "as", "an", "be",
                                 "do", "go", "he", "me", "my", "we", "up", "on", "in", "at", "un"})


@dataclass(frozen=True)
class Tag:
    """One entry of the vocabulary."""

    name: str
    kind: str                          # one of TAG_KINDS
    aliases: tuple[str, ...]           # every written form, the name first
    parent: str | None = None          # the tag it lies in or belongs to ("in:")
    demonyms: frozenset[str] = frozenset()   # the look-up keys of the aliases that are its people's adjectives or nouns
    weak: frozenset[str] = frozenset()       # the look-up keys of the aliases that are evidence only beside another


@dataclass(frozen=True)
class Vocabulary:
    """Tags compiled for matching: a regex and a look-up per case mode."""

    tags: Mapping[str, Tag]
    matchers: tuple[NameMatcher, ...]            # case-folding, then case-keeping
    implied: Mapping[str, tuple[str, ...]]   # tag -> the tags it lies in, transitively
    common_words: frozenset[str] = frozenset()   # match_case aliases that are also English words ("Hit")
    demonyms: frozenset[str] = frozenset()       # every tag's demonyms, as look-up keys


# What `other_names:` in tags.yaml stand for in the matchers: names that hold
# a tag's name but name something else ("British Columbia", "New Mexico").
# Matched like aliases, the longer name wins, and it tags nothing.
OTHER_NAME = ""


def read_tag(name: str, entry: Mapping[str, Any] | None) -> Tag:
    """One tags.yaml entry in; a Tag out (ValueError on an unknown kind)."""
    entry = entry or {}
    kind = entry.get("kind", "topic")
    if kind not in TAG_KINDS:
        raise ValueError(f"tag {name!r}: kind {kind!r} is not one of {sorted(TAG_KINDS)}")
    unknown = set(entry) - {"kind", "aliases", "demonyms", "in", "match_case", "weak"}
    if unknown:
        raise ValueError(f"tag {name!r}: unknown keys {sorted(unknown)}")
    aliases = [name, *(entry.get("aliases") or ()), *(entry.get("demonyms") or ()), *(entry.get("weak") or ())]
    return Tag(name=name, kind=kind, aliases=tuple(dict.fromkeys(str(a) for a in aliases)),
               parent=entry.get("in"),
               demonyms=frozenset(normalise_alias(str(a), True) for a in entry.get("demonyms") or ()),
               weak=frozenset(normalise_alias(str(a), True) for a in entry.get("weak") or ()))


def build_vocabulary(data: Mapping) -> Vocabulary:
    """Parsed tags.yaml mapping in; a compiled Vocabulary out (ValueError on clashes or unknown `in:`)."""
    entries = (data or {}).get("tags") or {}
    tags = {str(name): read_tag(str(name), entry) for name, entry in entries.items()}
    aliases = []
    for tag in tags.values():
        keep_case = (entries[tag.name] or {}).get("match_case") or False
        aliases.extend((alias, tag.name, keep_case is True or alias in (keep_case or ()))
                       for alias in tag.aliases)
    others = (data or {}).get("other_names") or []
    if not isinstance(others, list):
        raise ValueError("other_names: must be a list of names")
    aliases.extend((str(name), OTHER_NAME, False) for name in others)
    return Vocabulary(
        tags=tags,
        matchers=compile_matchers(aliases),
        implied={name: find_ancestors(name, tags) for name in tags},
        common_words=frozenset(normalise_alias(alias, False) for alias, _, keep_case in aliases
                               if keep_case and not is_acronym(alias)),
        demonyms=frozenset(key for tag in tags.values() for key in tag.demonyms),
    )


def find_ancestors(name: str, tags: Mapping[str, Tag]) -> tuple[str, ...]:
    """Tag name in; the tags it lies in, following `in:` to the top, out."""
    ancestors: list[str] = []
    parent = tags[name].parent
    while parent is not None:
        if parent not in tags:
            raise ValueError(f"tag {name!r}: `in: {parent}` is not a tag")
        if parent == name or parent in ancestors:
            raise ValueError(f"tag {name!r}: `in:` goes round in a circle")
        ancestors.append(parent)
        parent = tags[parent].parent
    return tuple(ancestors)


def find_mentions(text: str, vocabulary: Vocabulary) -> list[tuple[int, int, str]]:
    """Text in; (start, end, tag) of every vocabulary name in it, longest first where two overlap, out."""
    return [(start, end, tag) for start, end, tag in match_names(text, vocabulary.matchers)
            if tag != OTHER_NAME and (normalise_alias(text[start:end], False) not in vocabulary.common_words
                                      or not is_title_case_line(text, start))]


def is_title_case_line(text: str, position: int) -> bool:
    """Text and a position in; True when the line there is a Headline In Title Case out."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    words = [word for word in text[start:end if end >= 0 else len(text)].split() if word[:1].isalpha()]
    capitalised = sum(word[:1].isupper() for word in words)
    return len(words) >= TITLE_CASE_MIN_WORDS and capitalised >= TITLE_CASE_MIN_SHARE * len(words)


# A name followed by a number is a brand ("France 24"), not the name.
BRAND_NUMBER = re.compile(r"\s\d{1,3}(?![\d:/]|[.,]\d)")
# Words that go before or after "is", "us", "it" as words, not as names.
WORD_BEFORE = frozenset({"there", "it", "this", "that", "what", "who", "which", "he", "she", "here",
                         "let", "for", "to", "with", "of", "all", "give", "tell", "show", "join"})
WORD_AFTER = frozenset({"a", "an", "the", "not", "no", "it", "this", "that", "to", "in", "on", "at",
                        "so", "very", "also", "still", "now", "all", "just", "there", "here"})


def reads_as_word(text: str, start: int, end: int) -> bool:
    """Text and an alias's span in; True when the words around it make it the everyday word ("there IS an")."""
    before = re.findall(r"[\w']+", text[max(0, start - 20):start])
    after = re.findall(r"[\w']+", text[end:end + 20])
    if text[end:end + 1] == "-" or text[start - 1:start] == "-":
        return False                      # "IS-held", "anti-IS", "US-backed"
    return bool((before and before[-1].casefold() in WORD_BEFORE)
                or (after and after[0].casefold() in WORD_AFTER))


# A name that is also an English word, joined to the next words by hyphens
# ("Hit-and-run", "hit-or-miss"), is the word: the town of Hit is no part of
# a compound.
COMPOUND_WORD = re.compile(r"[-\u2010](?:and|or|the|to|of|in|for|a)[-\u2010]", re.IGNORECASE)
# ... and so is one followed by an article or a pronoun, as a verb takes its
# object ("Hit the hotkey", "Hit it again"): a town's or a country's name is
# not followed so.
VERB_OBJECT = re.compile(r"[ \u00a0]+(?:the|a|an|it|them|him|her|me|you|this|that|these|those|my|your|his|its|our|their)\b")
# A person tagged by a short name ("Obama", "al-Baghdadi") is someone else
# when another given name stands before it ("Michelle Obama", "Abu Omar
# al-Baghdadi"): the capitalised word before the mention is a name, not a
# title ("President Obama") or a word that opens a sentence ("When Obama").
OTHER_GIVEN_NAME = re.compile(r"([^\W\d_][\w'\u2019\-]*)[ \u00a0]+$")
# Capitalised words that stand before a company's name as no given name does.
COMPANY_OPENERS = frozenset({"like", "unlike", "rival", "rivals", "both", "neither", "either", "only", "including",
                             "against", "versus", "besides", "beyond", "inside", "within", "via", "at", "from"})
VERB_ENDINGS = ("ing", "ed", "ly")     # "Getting", "Armed", "Only": no given name's ending
SENTENCE_OPENERS = frozenset({"then", "now", "so", "yet", "still", "also", "even", "says", "said", "if",
                              "why", "how", "what", "where", "while", "although", "though", "because"})


# A short name followed by "et al." or by an initial, as a reference list
# writes authors ("Renzi et al.", "Renzi, C., Sorge, C."), is a cited author.
CITED_AUTHOR = re.compile(r"[ \u00a0]+et[ \u00a0]+al\b|,[ \u00a0]*[A-Z]\.(?:[ \u00a0]*[A-Z]\.)*(?:,|[ \u00a0]*\(|$)", re.MULTILINE)


def names_someone_else(text: str, start: int, end: int, tag: Tag, common_words: frozenset[str] = frozenset(),
                       mention_ends: frozenset[int] = frozenset()) -> bool:
    """Text, a person's or an organisation's mention and its tag (and the vocabulary's common-word
    aliases and where its mentions end) in; True when a given name not the tag's stands before a
    short name of it ("Michelle Obama" for Barack Obama) or a reference list's initials or "et al."
    follow it ("Renzi, C.", "Renzi et al."), or a given name stands before an organisation's name
    that is also a person's ("Harrison Ford", "Enzo Ferrari"), out."""
    if tag.kind == "organisation":
        if normalise_alias(text[start:end], False) not in common_words:
            return False
    elif tag.kind != "person" or normalise_alias(text[start:end], False) == normalise_alias(tag.name, False):
        return False
    elif CITED_AUTHOR.match(text, end):
        return True                       # "Renzi et al.", "Renzi, C., Sorge, C.": a cited author
    before = OTHER_GIVEN_NAME.search(text, max(0, start - 30), start)
    if not before or not before[1][:1].isupper() or before[1][-1:] in ".,;:":
        return False
    word = before[1].lower()
    if tag.kind == "organisation" and (before.end(1) in mention_ends or word in COMPANY_OPENERS
                                       or (word.endswith(VERB_ENDINGS) and opens_sentence(text, before.start(1)))):
        return False                      # "German Volkswagen", "Like Apple", "Getting Disney+ right"
    return (word not in NAME_EDGE_WORDS and word not in SENTENCE_OPENERS and word not in NOT_PERSON_WORDS
            and word not in {part.lower() for part in tag.name.split()})


# A country named only as the nationality of a person or of a business is
# not what the article is about: "German Michael Berrer", "Spain's Rafael
# Nadal", "Nadal of Spain", "Rafael Nadal (Spain)", "a US technology company",
# "the Spanish league", "a Germany-based firm". Such a mention is no
# evidence (the headline and a dateline still are): a story about the place
# names it otherwise too. Nouns of a business, a club or a player that the
# country may qualify, with up to NATIONALITY_GAP_WORDS words between:
NATIONALITY_NOUNS = frozenset({
    "company", "companies", "firm", "firms", "maker", "makers", "carmaker", "carmakers",
    "automaker", "automakers", "manufacturer", "manufacturers", "giant", "giants", "retailer",
    "retailers", "chain", "brand", "brands", "label", "airline", "airlines", "conglomerate",
    "multinational", "corporation", "start-up", "startup", "league", "club", "clubs",
    "player", "players", "star", "stars", "striker", "midfielder", "defender", "goalkeeper",
    "champion", "champions", "golfer", "driver", "rider", "cyclist", "swimmer", "sprinter",
    "singer", "rapper", "actor", "actress", "director", "novelist", "artist", "model",
    "icon", "photographer", "surgeon", "writer", "author", "journalist", "musician", "composer",
    "designer", "chef", "businessman", "businesswoman", "billionaire", "tycoon", "entrepreneur",
    "scientist", "athlete", "boxer", "coach", "celebrity", "comedian", "pianist", "tennis",
    "provider", "providers", "operator", "operators", "network", "networks", "supplier", "suppliers",
    "carrier", "carriers", "lender", "lenders", "insurer", "insurers", "publisher", "publishers",
    "distributor", "distributors", "exporter", "exporters", "importer", "importers", "investor", "investors",
})
NATIONALITY_GAP_WORDS = 2
# Suffixes that make a country a company's or a person's origin ("US-based", "Iraqi-born").
NATIONALITY_SUFFIX = re.compile(r"[-\u2010](?:based|born|owned|made|listed|headquartered)\b", re.IGNORECASE)
# ... and so is a country named as where goods were made or a person was
# born ("toys made in China", "born in Iraq", "imported from the USA").
ORIGIN_BEFORE = re.compile(r"""(?ix)\b(?:
    (?:made|manufactured|produced|assembled|built|grown|brewed|born|raised)[ \u00a0]+in
  | (?:imported|shipped)[ \u00a0]+from
)[ \u00a0]+(?:the[ \u00a0]+)?$""")
# Capitalised words after a country that make it an institution, an event
# or a place ("Iraqi Security Forces", "Chinese New Year", "US Senator
# Clinton"), not a person's nationality.
NOT_PERSON_WORDS = frozenset({
    "grand", "prix", "open", "cup", "league", "premier", "airlines", "airways", "air", "army",
    "navy", "force", "forces", "government", "embassy", "foreign", "office", "ministry",
    "parliament", "senate", "congress", "house", "court", "supreme", "central", "bank",
    "national", "federal", "republic", "state", "states", "union", "empire", "kingdom",
    "islands", "isles", "coast", "guard", "guards", "river", "sea", "gulf", "football",
    "association", "federation", "olympic", "olympics", "red", "cross", "crescent", "academy",
    "museum", "university", "television", "broadcasting", "radio", "new", "year", "civil",
    "war", "orthodox", "church", "islamic", "jihad", "liberation", "democratic", "socialist",
    "communist", "labour", "labor", "party", "movement", "front", "authority", "council",
    "committee", "commission", "agency", "service", "services", "police", "revolutionary",
    "special", "interior", "security", "health", "energy", "oil", "petroleum", "gas", "news",
    "press", "times", "post", "journal", "senator", "sen", "governor", "gov", "ambassador",
    "envoy", "vice", "congressman", "congresswoman", "lawmaker", "king", "queen", "prince",
    "princess", "pope", "chancellor", "mayor", "judge", "justice", "attorney", "foreign",
    "affairs", "department", "secretary", "representative", "rep", "officials", "marines",
    "muslim", "muslims", "christian", "christians", "jewish", "arab", "arabs", "kurdish",
    "kurds", "sunni", "shia", "shiite", "catholic", "business", "stock", "exchange", "market",
})
# Words before "of Spain" that make it the country's, not a person's
# nationality ("the King of Spain", "the Bank of England").
COUNTRY_OF_WORDS = NOT_PERSON_WORDS | NAME_TITLE_WORDS | frozenset({
    "people", "capital", "north", "south", "east", "west", "northern", "southern", "eastern",
    "western", "central", "part", "parts", "rest", "citizens", "citizen", "president", "history",
})
CAPITALISED = re.compile(r"[^\W\d_][\w'\u2019.\-]*")
POSSESSIVE = re.compile(r"['\u2019]s\b")
NEXT_WORD = re.compile(r"[ \u00a0]+([^\s]+)")
NAMED_BEFORE = re.compile(r"([^\W\d_][\w'\u2019\-]*)[ \u00a0]+(?:of|from)[ \u00a0]+$|([^\W\d_][\w'\u2019\-]*)[ \u00a0]*\($")


# What comes before a word that opens a sentence or a line (it is capitalised for that).
SENTENCE_BREAK = re.compile(r"(?:^|[.!?:;\"\u201c\u201d(\[\u2014\u2013|\u2022*#>\-]|\n)\s*$")


def opens_sentence(text: str, position: int) -> bool:
    """Text and where a word starts in; True when the word opens a sentence or a line (it is capitalised for that) out."""
    return bool(SENTENCE_BREAK.search(text, max(0, position - 10), position))


def names_nationality(text: str, start: int, end: int) -> bool:
    """Text and a place's mention in; True when it only says where a person or a business is from out."""
    if NATIONALITY_SUFFIX.match(text, end) or ORIGIN_BEFORE.search(text, max(0, start - 40), start):
        return True
    before = NAMED_BEFORE.search(text, max(0, start - 40), start)
    if before:
        word = before[1] or before[2]
        if (word[:1].isupper() and word.lower() not in COUNTRY_OF_WORDS and not opens_sentence(text, before.start())
                and (before[1] or text[end:end + 1] == ")")):
            return True                   # "Nadal of Spain", "Rafael Nadal (Spain)", not "Residents of Spain"
    position = end
    possessive = POSSESSIVE.match(text, position)
    if possessive:
        position = possessive.end()
    words = []
    while len(words) < NATIONALITY_GAP_WORDS + 1:
        found = NEXT_WORD.match(text, position)
        if not found:
            break
        words.append(found[1])
        position = found.end()
    if (len(words) >= 2 and is_given_name(words[0])
            and is_given_name(words[1].rstrip(".,;:!?)'\u2019\""))):
        return True                       # "German Michael Berrer", "Spain's Rafael Nadal"
    for word in words:
        bare = word.rstrip(".,;:!?)'\u2019\"").lower()
        if bare in NATIONALITY_NOUNS:
            return True                   # "a US technology company"
        if not bare.isalpha() or not word.islower() or word != word.rstrip(".,;:!?)"):
            break
    return False


# An organisation named as where a product is sold, streamed or found
# ("Get it on Amazon for $139", "also at Walmart", "Exclusively at Target",
# "now streaming on Netflix") is the shop, not what the article is about:
# a deals page names its sellers in every item.
SELLER_BEFORE = re.compile(r"""(?ix)\b(?:get|buy|order|pre-?order|shop|available|sold|stock|exclusive(?:ly)?|also
    |find|rent|stream(?:s|ing)?|download|deal|deals|price|off)\b[^.!?\n]{0,30}?\b(?:at|on|from|via)[ \u00a0]+$""")
SELLER_AFTER = re.compile(r"[ \u00a0]+for[ \u00a0]+[$\u00a3\u20ac\u00a5]?\d")     # "... for $139"
SHOP_BEFORE = re.compile(r"(?i)\b(?:at|on|from)[ \u00a0]+$")                        # "on Amazon for $139"


def names_seller(text: str, start: int, end: int) -> bool:
    """Text and an organisation's mention in; True when it names where a product is sold or streamed out."""
    return bool(SELLER_BEFORE.search(text, max(0, start - 50), start)
                or (SELLER_AFTER.match(text, end) and SHOP_BEFORE.search(text, max(0, start - 6), start)))


# A page with at least SHOPPING_MIN_BUY_LINES lines that tell the reader
# where to buy something ("Get it on Amazon for $139", "Also at Walmart",
# "Shop it at Target") is a shopping list: a deals page, a gift guide. Its
# organisations are the shops and the makers of the items it lists, even
# where a sentence makes them its subject ("Amazon is offering Prime
# members...", "Walmart's Black Friday ad", an item's "Nintendo Switch
# Lite"): outside the headline none is evidence of what the page is about.
BUY_LINE = re.compile(r"""(?im)^[ \t]*(?:
    (?:get|buy|shop|order|pre-?order|grab|snag)\b[^\n]{0,60}?\b(?:at|on|from|via)[ \t\u00a0]+[^\W\d_]  # "Get it on Amazon"
  | (?:also|only|exclusively)[ \t\u00a0]+(?:at|on)[ \t\u00a0]+[^\W\d_]                             # "Also at Walmart"
)""", re.VERBOSE)
SHOPPING_MIN_BUY_LINES = 5     # the corpus's one deals page has 16; no other page of the corpus,
                               # cleaneval-dev or dragnet-train has more than 3


def is_shopping_list(text: str, title_end: int) -> bool:
    """Article text and where its title ends in; True when its body tells the reader where to buy
    things on at least SHOPPING_MIN_BUY_LINES lines out."""
    found = 0
    for _ in BUY_LINE.finditer(text, title_end):
        found += 1
        if found >= SHOPPING_MIN_BUY_LINES:
            return True
    return False


# A financial centre's name standing for its stock market says where shares
# trade, not where the story is: "shares closed in New York", "a discount to
# their New York close", "listed in London", "New York trading".
MARKET_BEFORE = re.compile(r"(?i)\b(?:closed|close|closing|opened|traded|trade|trading|listed|list|listing|"
                           r"float|floated|flotation|quoted)[ \u00a0]+(?:in|on)[ \u00a0]+$")
MARKET_AFTER = re.compile(r"(?i)[ \u00a0]+(?:close|closing|trading|listing|listings|session|futures)\b")
# Those words also say where a factory closed, a museum opened or firms trade ("closed in
# Ohio", "Japanese trading firms"): the mention stands for a market only beside a word of
# the market itself ("shares", "stocks", "the exchange", "the index").
MARKET_WORD = re.compile(r"(?i)\b(?:shares?|stocks?|equities|bourse|exchange|index|indices|"
                         r"ADRs?|IPOs?|futures)\b")
MARKET_WORD_REACH = 120                # characters either side of the mention


def names_market(text: str, start: int, end: int) -> bool:
    """Text and a place's mention in; True when it stands for the place's stock market out."""
    return bool((MARKET_BEFORE.search(text, max(0, start - 20), start) or MARKET_AFTER.match(text, end))
                and MARKET_WORD.search(text, max(0, start - MARKET_WORD_REACH), end + MARKET_WORD_REACH))


# A place's name or demonym inside a longer capitalised name names that
# name's thing, not the place: a brand ("American Apparel", "Thomas Cook
# UK"), a team ("Tri-City Americans"), a show ("CNN American Morning"), a
# product's edition ("Google News US Edition"), a day ("Turkey Day"), a
# performer ("French Montana"). The word next to it is capitalised in running
# text though it opens no sentence, and is no institution's word, title,
# compass point or other vocabulary name ("US Senate", "Iraqi Prime
# Minister", "Northern Iraq", "Iraqi Kurdistan" stay evidence). In a
# Headline In Title Case, where every word is capitalised, a mention is such
# a name only where the body writes the same name.
INSTITUTION_WORDS = NOT_PERSON_WORDS | COUNTRY_OF_WORDS | frozenset({
    "crown", "royal", "treasury", "administration", "military", "consulate", "mission", "delegation",
    "cabinet", "regime", "opposition", "intelligence", "border", "customs", "immigration", "census",
    "bureau", "troops", "soldiers", "forces", "officials", "authorities", "embassy", "ministry",
    "act", "acts", "law", "laws", "constitution", "district", "circuit", "courts", "survey",
})
NEIGHBOUR_AFTER = re.compile(r"[ \u00a0]([^\W\d_][\w'\u2019.\-]*)")
NEIGHBOUR_BEFORE = re.compile(r"([^\W\d_][\w'\u2019.\-]*)[ \u00a0]$")


def names_part_of_name(text: str, start: int, end: int, mention_starts: frozenset[int],
                       mention_ends: frozenset[int]) -> str:
    """Text, a place's mention and where the text's vocabulary mentions start and end in; the
    capitalised word next to it that makes it part of a longer name ("Apparel" of "American
    Apparel"), "" if none, out."""
    after = NEIGHBOUR_AFTER.match(text, end)
    if after and after.start(1) not in mention_starts and is_name_word(after[1].rstrip(".")):
        if is_title_case_line(text, start):
            return after[1].rstrip(".").lower()     # find_evidence asks the body about it
        following = NEIGHBOUR_AFTER.match(text, after.end())
        if following and is_given_name(following[1].rstrip(".,;:!?)'\u2019\"")):
            return ""                     # "German Michael Berrer": a nationality (names_nationality)
        if names_institution(text, after.start(1)):
            return ""                     # "U.S. Food and Drug Administration", "U.S. District Judge"
        return after[1].rstrip(".").lower()
    before = NEIGHBOUR_BEFORE.search(text, max(0, start - 40), start)
    if (before and before.end(1) not in mention_ends and is_name_word(before[1])
            and not opens_sentence(text, before.start())):
        return before[1].lower()
    return ""


INSTITUTION_RUN = re.compile(r"(?:(?:of|and|for|the|on|&)[ \u00a0]+)*([^\W\d_][\w'\u2019.\-]*)[ \u00a0]*")
INSTITUTION_RUN_WORDS = 6


def names_institution(text: str, position: int) -> bool:
    """Text and where a run of capitalised words starts in; True when the run is an institution's
    or a law's name ("Food and Drug Administration", "Recovery Act") out."""
    for _ in range(INSTITUTION_RUN_WORDS):
        word = INSTITUTION_RUN.match(text, position)
        if not word or not word[1][:1].isupper():
            return False
        bare = POSSESSIVE.sub("", word[1].rstrip(".,;:!?)'\u2019\"")).lower()
        if bare in INSTITUTION_WORDS:
            return True
        if word[1] != word[1].rstrip(".,;:!?)'\u2019\"") or not word.group().endswith((" ", "\u00a0")):
            return False                  # the run ends at a punctuation mark
        position = word.end()
    return False


# A place in the name of an institution it gives its name to (a university,
# a school, a museum, a hospital, an orchestra: "the University of Virginia",
# "Ohio State University", "a University of Hawaii ship") is no evidence of
# the place: a story about a course held at a university is not about the
# state. The place's own institutions ("Ohio Supreme Court", "New York State
# Attorney General", "Bank of England") stay evidence: they are its public
# affairs. Capitalised as a name, so a sentence's "the school of Athens" is not.
NAMESAKE_WORDS = (r"(?:University|College|School|Academy|Institute|Museum|Library|Hospital|Orchestra|Symphony"
                  r"|Opera|Ballet|Zoo)")
NAMESAKE_BEFORE = re.compile(NAMESAKE_WORDS + r"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?$")
NAMESAKE_AFTER = re.compile(r"[ \u00a0]+(?:State[ \u00a0]+)?" + NAMESAKE_WORDS + r"\b")


def names_namesake(text: str, start: int, end: int) -> bool:
    """Text and a place's mention in; True when the mention is part of an institution's name that
    the place only lends (a university, a museum) out."""
    return bool(NAMESAKE_AFTER.match(text, end) or NAMESAKE_BEFORE.search(text, max(0, start - 30), start))


def is_name_word(word: str) -> bool:
    """A word in; True when it is capitalised as a name's word (no title, institution or opener) out."""
    bare = POSSESSIVE.sub("", word)
    return (bare[:1].isupper() and any(char.islower() for char in bare)
            and bare.lower() not in INSTITUTION_WORDS and bare.lower() not in NAME_EDGE_WORDS
            and bare.lower() not in SENTENCE_OPENERS)


# A nationality adjective naming a language or a people's way of writing or
# telling the time ("translated into French", "Turkish SMS characters",
# "British spelling", "6pm British time", "French-speaking"), and a country
# naming a product's national edition ("our US edition", "the UK version"),
# are no evidence of the country.
LANGUAGE_WORDS = frozenset({
    "language", "languages", "speaker", "speakers", "speaking", "translation", "translations",
    "translator", "translators", "subtitles", "dictionary", "grammar", "accent", "accents", "spelling",
    "spellings", "dialect", "dialects", "alphabet", "character", "characters", "letters", "vocabulary",
    "keyboard", "lesson", "lessons", "class", "classes", "course", "courses", "teacher", "teachers",
    "text", "texts", "word", "words", "time",
})
EDITION_WORDS = frozenset({"edition", "editions", "version", "versions", "website", "websites"})
LANGUAGE_SUFFIX = re.compile(r"[-\u2010](?:language|speaking|speakers?)\b", re.IGNORECASE)
LANGUAGE_BEFORE = re.compile(r"""(?ix)\b(?:in|into|speaks?|spoke|speaking|learn(?:s|ed|t|ing)?
    |stud(?:y|ies|ied|ying)|fluent|translat\w*|teach(?:es|ing)?|taught)[ \u00a0]+$""")
# ... where the language's name ends its phrase, or a pronoun or an article
# follows it ("translated into French the two articles", "in French we say").
PHRASE_END = re.compile(r"""(?ix)\s*(?:[.,;:!?)\"\u201d\u2019\u00bb]|$
    |\b(?:and|or|but|as|with|by|the|a|an|we|i|you|he|she|they|it|is|was|are|were)\b)""")


def is_demonym(written: str, tag: Tag) -> bool:
    """A mention as written and its tag in; True when it is one of the tag's demonyms out."""
    return normalise_alias(written, True) in tag.demonyms


def names_language(text: str, start: int, end: int, tag: Tag) -> bool:
    """Text, a place's mention and its tag in; True when it names a language, a convention or a
    product's national edition out."""
    following, position = [], end
    while len(following) < 2 and (found := NEXT_WORD.match(text, position)):
        bare = found[1].rstrip(".,;:!?)'\u2019\"")
        following.append(bare.lower())
        if bare != found[1]:
            break                         # the phrase ends at a punctuation mark
        position = found.end()
    if following and following[0] in EDITION_WORDS:
        return True
    if not is_demonym(text[start:end], tag):
        return False
    if LANGUAGE_SUFFIX.match(text, end) or any(word in LANGUAGE_WORDS for word in following):
        return True
    return bool(LANGUAGE_BEFORE.search(text, max(0, start - 20), start) and PHRASE_END.match(text, end))


# A short name that is also an English word set in capitals ("IS", "US")
# straight after a capitalised word that is no title, opener or
# institution's word is part of that name or phrase: a model's ("Lexus IS"),
# a line set in capitals ("SEXY IS:"), never the group or the country.
PREVIOUS_NAME_WORD = re.compile(r"([^\W\d_][\w\-]*)[ \u00a0]$")


def names_other_thing(text: str, start: int, end: int) -> str:
    """Text and a mention in; the capitalised word that makes a short all-capital name part of
    another name or phrase ("Lexus" of "Lexus IS"), "" if none, out."""
    if text[start:end].casefold() not in COMMON_WORD_ALIASES or not text[start:end].isupper():
        return ""
    before = PREVIOUS_NAME_WORD.search(text, max(0, start - 30), start)
    if (not before or not before[1][:1].isupper() or before[1].lower() in NAME_EDGE_WORDS
            or before[1].lower() in SENTENCE_OPENERS or before[1].lower() in NOT_PERSON_WORDS):
        return ""
    return before[1]


# An abbreviation the page defines as something else ("Impression share
# (IS)", "Self-Defense Forces (SDF)": the words before it, their initials
# spelling it, name no tag's) names that thing wherever the page uses it.
DEFINED_ABBREVIATION = re.compile(r"\(([A-Z]{2,6})\)")
DEFINITION_WORD = re.compile(r"[^\W\d_][\w'\u2019]*")
DEFINITION_SMALL_WORDS = frozenset({"of", "and", "the", "for", "de", "al", "el", "on", "in", "&"})


def find_redefined_abbreviations(text: str, mentions: list[tuple[int, int, str]]) -> frozenset[str]:
    """Text and its mentions in; the vocabulary abbreviations it defines as a name of something else out."""
    tag_at = {start: tag for start, _, tag in mentions}
    found = set()
    for match in DEFINED_ABBREVIATION.finditer(text):
        tag = tag_at.get(match.start(1))
        if tag is None:
            continue
        abbreviation = match[1]
        words = [word for word in DEFINITION_WORD.finditer(text, max(0, match.start() - 80), match.start())
                 if word[0].lower() not in DEFINITION_SMALL_WORDS]
        named = words[-len(abbreviation):]
        if (len(named) < len(abbreviation) or "\n" in text[named[0].start():match.start()]
                or "".join(word[0][0] for word in named).upper() != abbreviation):
            continue
        if not any(start >= named[0].start() and end <= match.start() and other == tag
                   for start, end, other in mentions):
            found.add(abbreviation)
    return frozenset(found)


# A place that is one item of a list of places ("France, Germany and
# Italy", "from Spain to Japan") is named as one of many: a tour's stops, a
# film's locations, where a product is sold. Such a mention is no evidence
# that the article is about it; an article about one of them names it
# otherwise too. A list is LIST_MIN_ITEMS places or more joined by commas,
# "and", "or", slashes or semicolons, or set out one a line (a place, maybe
# with its city, alone on a line), or two in "from X to Y". Outside the
# headline only: a headline's "Russia and Syria" names its subject.
LIST_JOINER = re.compile(r"[ \u00a0]*(?:[,;/]|[,;]?[ \u00a0]+(?:and|or|&))[ \u00a0]*(?:the[ \u00a0]+)?",
                         re.IGNORECASE)
LIST_LINE_JOINER = re.compile(r"[ \u00a0]*(?:\([^)\n]{0,40}\)|[-\u2013][^\n]{0,30})?[ \u00a0]*\n[ \u00a0]*"
                              r"(?:[-*\u2022][ \u00a0]*)?")
FROM_TO_BEFORE = re.compile(r"(?i)\bfrom[ \u00a0]+(?:the[ \u00a0]+)?$")
FROM_TO_JOINER = re.compile(r"(?i)[ \u00a0]+to[ \u00a0]+(?:the[ \u00a0]+)?")
LIST_MIN_ITEMS = 3


def find_listed_places(text: str, mentions: list[tuple[int, int, str]], vocabulary: Vocabulary,
                       title_end: int) -> frozenset[tuple[int, int]]:
    """Text and its mentions in; the (start, end) of the body's place mentions that are one item of a
    list of places ("France, Germany and Italy", "from Spain to Japan") out."""
    places = [(start, end) for start, end, tag in mentions
              if start > title_end and vocabulary.tags[tag].kind == "place"]
    listed: set[tuple[int, int]] = set()
    run = places[:1]
    for previous, current in zip(places, places[1:]):
        gap = text[previous[1]:current[0]]
        if LIST_JOINER.fullmatch(gap) or (LIST_LINE_JOINER.fullmatch(gap) and is_place_line(text, current[0])):
            run.append(current)
            continue
        if (FROM_TO_JOINER.fullmatch(gap)
                and FROM_TO_BEFORE.search(text, max(0, previous[0] - 12), previous[0])):
            listed.update((previous, current))
        if len(run) >= LIST_MIN_ITEMS:
            listed.update(run)
        run = [current]
    if len(run) >= LIST_MIN_ITEMS:
        listed.update(run)
    return frozenset(listed)


def is_place_line(text: str, position: int) -> bool:
    """Text and where a place's mention starts a line in; True when the line is short, as a list's item is, out."""
    end = text.find("\n", position)
    return len(text[position:end if end >= 0 else len(text)].split()) < SUBHEAD_MAX_WORDS


# A country's name or people's adjective read as a history, a people, a
# cuisine or a style ("the ancient Greeks", "ancient Egypt", "colonial Dutch
# houses", "Moroccan-style chicken", "an Italian dish", "Portuguese
# Africa", the former colonies) says nothing of the country today. Only the
# adjective names a cuisine or a style: "U.S. Food and Drug Administration"
# is the country's.
HISTORY_BEFORE = re.compile(r"(?i)\b(?:ancient|classical|medieval|mediaeval|colonial|imperial|"
                            r"prehistoric|pre-colonial|precolonial|old-world)[ \u00a0]+(?:the[ \u00a0]+)?$")
STYLE_WORDS = frozenset({
    "food", "foods", "cuisine", "cuisines", "dish", "dishes", "recipe", "recipes", "cooking", "cookery",
    "restaurant", "restaurants", "style", "styles", "architecture", "dessert", "desserts", "flavours",
    "flavors", "spices", "cookbook", "cookbooks",
})
STYLE_SUFFIX = re.compile(r"[-\u2010](?:style|inspired|themed)\b", re.IGNORECASE)
# A people's adjective before a continent's name names an empire's part ("Portuguese Africa").
COLONY_WORDS = frozenset({"africa", "asia", "america", "indochina", "oceania", "guiana", "empire"})


def find_style_adjectives(text: str, mentions: list[tuple[int, int, str]], vocabulary: Vocabulary) -> frozenset[str]:
    """Text and its mentions in; the places whose adjective the article uses for a cuisine or a
    style and whose own name it never writes ("Moroccan made easy" over a Moroccan recipe) out:
    there every bare use of the adjective is the style too."""
    styled, named = set(), set()
    for start, end, tag in mentions:
        if vocabulary.tags[tag].kind != "place":
            continue
        if not is_demonym(text[start:end], vocabulary.tags[tag]):
            named.add(tag)
        elif names_style(text, start, end, vocabulary.tags[tag]):
            styled.add(tag)
    return frozenset(styled - named)


def names_style(text: str, start: int, end: int, tag: Tag) -> bool:
    """Text, a place's mention and its tag in; True when it reads as a history, a cuisine or a
    style ("ancient Greeks", "Italian dishes", "Portuguese Africa") out."""
    if HISTORY_BEFORE.search(text, max(0, start - 30), start):
        return True
    if not is_demonym(text[start:end], tag):
        return False                      # "U.S. Food and Drug Administration" is the country's
    following = NEXT_WORD.match(text, end)
    bare = following[1].rstrip(".,;:!?)'\u2019\"").lower() if following else ""
    return bool(STYLE_SUFFIX.match(text, end)) or bare in STYLE_WORDS or bare in COLONY_WORDS


# Where a person is from, in the headline as in the body: "Brazilian-born",
# "of Irish descent", "an Italian-American chef" (both halves: the second
# is where the person lives, not what the article is about).
# (A business's base, "a Germany-based firm", is no evidence in the body
# (names_nationality), but a headline naming it says where the news is.)
PERSON_ORIGIN_SUFFIX = re.compile(r"[-\u2010](?:born|raised|bred)\b", re.IGNORECASE)
DESCENT_AFTER = re.compile(r"(?i)[ \u00a0]+(?:descent|origin|origins|heritage|extraction|ancestry|parentage)\b")
DESCENT_BEFORE = re.compile(r"(?i)\bof[ \u00a0]+(?:\w+[ \u00a0]+)?$")
HYPHENATED_ORIGIN = re.compile(r"[-\u2010]([A-Z][a-z]+)\b")
HYPHENATED_BEFORE = re.compile(r"\b([A-Z][a-z]+)[-\u2010]$")
# ... unless the pair names two countries' dealings ("Russian-American relations").
RELATION_WORDS = frozenset({"relations", "relationship", "ties", "talks", "summit", "trade", "war", "border",
                            "deal", "agreement", "treaty", "alliance", "cooperation", "conflict", "dialogue"})


def names_origin(text: str, start: int, end: int, tag: Tag, demonyms: frozenset[str]) -> bool:
    """Text, a place's mention, its tag and every tag's demonyms in; True when it says where a person
    is from ("Brazilian-born", "of Irish descent", "Italian-American") out."""
    if PERSON_ORIGIN_SUFFIX.match(text, end):
        return True
    if DESCENT_AFTER.match(text, end) and DESCENT_BEFORE.search(text, max(0, start - 20), start):
        return True
    if not is_demonym(text[start:end], tag):
        return False
    after = HYPHENATED_ORIGIN.match(text, end)
    pair_end = after.end() if after and normalise_alias(after[1], True) in demonyms else None
    if pair_end is None:
        before = HYPHENATED_BEFORE.search(text, max(0, start - 20), start)
        pair_end = end if before and normalise_alias(before[1], True) in demonyms else None
    if pair_end is None:
        return False
    following = NEXT_WORD.match(text, pair_end)
    return not (following and following[1].rstrip(".,;:!?)'\u2019\"").lower() in RELATION_WORDS)


# A place's or an organisation's name that is also a given name ("Chad",
# "Jordan", "Georgia", "Chelsea"): once the article uses it for a person,
# its bare repeats are that person.
# It does when it stands before a surname the article then uses alone
# ("Chad Hurley ... Hurley said"), or, for a place, when it attributes a
# quote ("...," Chad says", "said Chad."; an organisation speaks too:
# '"...," said Hashed number two').
QUOTE_BEFORE = re.compile(r"""[,!?]["\u201d\u2019][ \u00a0]*$""")
SAYS_AFTER = re.compile(r"(?i)[ \u00a0]+(?:says|said|asks|asked|adds|added|explains|explained|recalls|recalled)\b")
SAID_BEFORE = re.compile(r"""(?i)["\u201d][ \u00a0]*(?:says|said|asks|asked|adds|added)[ \u00a0]+$""")


def find_given_names(text: str, mentions: list[tuple[int, int, str]], vocabulary: Vocabulary) -> frozenset[str]:
    """Text and its mentions in; the place and organisation names written like common words that the
    article uses as a person's given name ("Chad Hurley ... Hurley", "...," Chad says) out."""
    found = set()
    mention_starts = {start for start, _, _ in mentions}
    for start, end, tag in mentions:
        written = text[start:end]
        if (vocabulary.tags[tag].kind not in ("place", "organisation") or written not in vocabulary.common_words
                or written in found):
            continue
        if vocabulary.tags[tag].kind == "place" and (
                (SAYS_AFTER.match(text, end) and QUOTE_BEFORE.search(text, max(0, start - 6), start))
                or SAID_BEFORE.search(text, max(0, start - 12), start)):
            found.add(written)
            continue
        after = NEIGHBOUR_AFTER.match(text, end)
        if not after or after.start(1) in mention_starts:
            continue
        surname = POSSESSIVE.sub("", after[1].rstrip(".,;:!?)'\u2019\""))
        if not is_name_word(surname) or len(surname) < SURNAME_MIN_CHARS:
            continue
        alone = re.compile(NAME_START + r"(?<!%s[ \u00a0])" % re.escape(written) + re.escape(surname) + NAME_END)
        if alone.search(text):
            found.add(written)
    return frozenset(found)


# A country that shares its name with a US state ("Georgia") is the state
# where the article speaks of the United States (names it, a place that lies
# in it, such as another state, or a city of the state's or the country's
# own that has no tag: Atlanta, Savannah, Washington), unless it names the
# country by what only the country has: its capital, its region, its
# government. The states themselves are the vocabulary's (`in: United States`).
US_CITIES = re.compile(r"\b(?:Atlanta|Savannah|Washington)\b")
# What names the country, not the state, for each country named like a state.
COUNTRY_NOT_STATE = {
    "Georgia": re.compile(r"\b(?:Tbilisi|Caucasus|South Ossetia|Abkhazia|(?:Republic|country) of Georgia"
                          r"|Georgian (?:government|president|prime minister|parliament|troops|army|"
                          r"foreign ministry|officials|authorities))\b", re.IGNORECASE),
}


def find_state_homonyms(text: str, mentions: list[tuple[int, int, str]], vocabulary: Vocabulary) -> frozenset[str]:
    """Text, its mentions and the vocabulary in; the tags named like a US state that name the state
    here (the article speaks of the United States and never names the country by its own evidence) out."""
    named = {tag for _, _, tag in mentions}
    homonyms = {tag for tag in named if tag in COUNTRY_NOT_STATE}
    if not homonyms:
        return frozenset()
    if (not any(tag == "United States" or "United States" in vocabulary.implied[tag] for tag in named)
            and not US_CITIES.search(text)):
        return frozenset()                # no US context: the country
    return frozenset(tag for tag in homonyms if not COUNTRY_NOT_STATE[tag].search(text))


def is_given_name(word: str) -> bool:
    """A word in; True when it can be part of a person's name (capitalised, not an institution's word) out."""
    return (bool(CAPITALISED.fullmatch(word)) and word[:1].isupper() and any(c.islower() for c in word)
            and word.lower() not in NOT_PERSON_WORDS and word.lower() not in NAME_EDGE_WORDS)


# Readers' comments the body cleaner kept, or the next story of a digest
# page: the article ends at the first line after the lead that reads as a
# comment's byline or control ("Posted by jim99 at 10:32 PM", "jim99
# wrote:", "Report abuse") or as a short line stamped with a clock time and
# a date ("Fri Dec 28, 7:05 AM ET"). Nothing after it is evidence.
COMMENT_LINE = re.compile(r"""(?imx)^[ \t]*(?:
    (?:posted|submitted|written|comment(?:ed)?|sent)[ \t]+by\b.{0,80}      # "Posted by jim99 ..."
  | \S+(?:[ \t]\S+){0,4}[ \t]+wrote[ \t]*:                                # "jim99 wrote:"
  | (?:reply|report[ \t]+(?:abuse|this(?:[ \t]+comment)?)|recommend|permalink)
    [ \t]*(?:\(\d+\))?[ \t]*                                              # comment controls
  | (?:\d+[ \t]+)?(?:reader[ \t]+)?(?:comments?|responses?|replies)[ \t]*(?:\(\d+\))?[ \t]*:?  # "12 Comments"
  | comments[ \t]+(?:are|have[ \t]+been)[ \t]+(?:now[ \t]+)?closed\b.{0,60}                # "Comments are now closed ..."
  | (?:leave|post|add|write|submit)[ \t]+(?:a|your|new)[ \t]+(?:comment|reply|response)\b.{0,60}
  | (?:have[ \t]+your[ \t]+say|join[ \t]+the[ \t]+(?:discussion|conversation)|comment[ \t]+on[ \t]+this[ \t]+(?:story|article))\b.{0,40}
)$""")
CLOCK_TIME = re.compile(r"(?i)\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\b\.?)?")
MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))    # the digest's one month table, longest first
DATE_WORD = re.compile(r"(?i)\b(?:" + MONTH_NAME + r")\.?\s+\d|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\bago\b")
COMMENT_STAMP_MAX_WORDS = 12
# Lines the cleaner kept that are not the article's sentences: an
# advertiser's call or a web address ("UK coverage. Free quotes",
# "Visit www.example.co.uk"), a contact line ("reached at jo@example.com").
# Names in them are no evidence of what the article is about.
AD_LINE = re.compile(r"""(?ix)
    \bwww\.[\w-]+\.\w | \bhttps?://                          # a web address
  | [\w.+-]+@[\w-]+\.\w                                      # an e-mail address
  | \bfree\ (?:quotes?|trial|shipping|delivery|consultation)\b
  | \b(?:ads\ by|sponsored\ links?|click\ here|buy\ now|order\ now|apply\ now|call\ now)\b
""")
AD_MAX_WORDS = 20


def find_readers_text(text: str, lead_end: int) -> int:
    """Article text and where its lead ends in; where readers' comments begin (len(text) if none) out."""
    newline = text.find("\n", lead_end)
    for start, end in iter_lines(text, newline + 1 if newline >= 0 else len(text)):
        line = text[start:end]
        if COMMENT_LINE.match(line) or (len(line.split()) <= COMMENT_STAMP_MAX_WORDS
                                        and CLOCK_TIME.search(line) and DATE_WORD.search(line)):
            return start
    return len(text)


def find_ad_lines(text: str, title_end: int) -> list[tuple[int, int]]:
    """Article text and where its title ends in; (start, end) of the body lines that read as ads out."""
    return body_line_spans(text, title_end, lambda line: len(line.split()) < AD_MAX_WORDS
                           and bool(AD_LINE.search(line)))


def body_line_spans(text: str, title_end: int, test: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Article text, where its title ends and a test of a line in; (start, end) of the body lines it passes."""
    return [(start, end) for start, end in iter_lines(text, title_end + 1) if test(text[start:end])]


def iter_lines(text: str, position: int) -> Iterator[tuple[int, int]]:
    """Text and where a line starts in; (start, end) of that line and each one after it out."""
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        yield position, end
        position = end + 1


def assign_tags(text: str, vocabulary: Vocabulary,
                mentions: list[tuple[int, int, str]] | None = None) -> tuple[str, ...]:
    """Article text (title + body) (and its find_mentions, if made) in; its vocabulary tags,
    with the places they lie in, sorted, out.

    Precision first: a name is tagged only when the article is about it
    (see ABOUT_LEAD_CHARS), and a name written like a common word ("IS",
    "US") only where it cannot be that word.
    """
    layout = find_layout(text)
    named = weigh_tags(text, vocabulary, mentions, layout)
    tags = set(named)
    public: bool | None = None
    for tag in named:
        for parent in vocabulary.implied[tag]:
            if parent not in named and vocabulary.tags[tag].kind == "place":
                if public is None:
                    public = is_public_affairs(text[:layout.end])     # the article, without readers' comments
                if not public:
                    continue              # a hike in Colorado, a concert in Ohio: not the United States
            tags.add(parent)
    return tuple(sorted(tags, key=lambda tag: (tag.casefold(), tag)))


# A place implies the place it lies in (a state its country, a town its
# province) only where the story is public affairs: government, courts,
# police, elections, budgets, war, a disaster's toll. A hike in Colorado, a
# concert in Ohio or a restaurant tour of New York is the state's or the
# city's, not the country's news. The story is public affairs when it uses
# at least PUBLIC_AFFAIRS_MIN_WORDS different words of these (one may be a
# figure of speech: "a public holiday", "the law of averages"). A place that
# has evidence of its own is tagged whatever the story.
PUBLIC_AFFAIRS_WORD = re.compile(r"""(?ix)\b(
    governors?|legislat\w+|lawmakers?|senat\w+|congress\w*|parliament\w*|courts?|judges?|jury|prosecut\w+
  | attorney[ \u00a0]general|district[ \u00a0]attorney|sheriffs?|police|arrest\w*|charged[ \u00a0]with|charges
  | trials?|investigat\w+|indict\w*|convict\w*|sentenced|sentencing|prison\w*|felon\w*|guilty
  | elect(?:ed|ion|ions|oral|ing)?|voters?|votes?|voted|voting|ballots?|campaign\w*|polls?|candidates?
  | president\w*|republicans?|democrats?|rally|budgets?|tax|taxes|laws?|officials?|authorities|government\w*
  | federal|agency|agencies
  | mayors?|council|policy|policies|protest\w*|crisis|killed|victims?|emergency|evacu\w+|disaster\w*
  | public|war|wars|fighting|fighters?|attack\w*|troops|forces|military|militants?|army|bomb\w*|airstrikes?
  | security|wounded|refugees?|displaced|minist\w+)\b""")
PUBLIC_AFFAIRS_MIN_WORDS = 2


def is_public_affairs(text: str) -> bool:
    """Article text in; True when it uses PUBLIC_AFFAIRS_MIN_WORDS different words of public affairs out."""
    found: set[str] = set()
    for match in PUBLIC_AFFAIRS_WORD.finditer(text):
        found.add(match[1].lower())
        if len(found) >= PUBLIC_AFFAIRS_MIN_WORDS:
            return True
    return False


@dataclass(frozen=True)
class Layout:
    """Where the parts of an article's text (title + body) lie, as weigh_tags reads them."""

    title_end: int                             # the headline is text[:title_end]
    lede_end: int                              # the first sentence of the body ends here
    lead_end: int                              # the lead: ABOUT_LEAD_CHARS after the headline
    end: int                                   # the article ends here (readers' comments follow)
    datelines: list[tuple[int, int]]
    paragraph_starts: list[int]


def find_layout(text: str) -> Layout:
    """Article text (title + body) in; where its headline, lede, lead, datelines and paragraphs lie out."""
    first_line = text.find("\n")
    title_end = first_line if first_line >= 0 else len(text)
    lead_end = title_end + ABOUT_LEAD_CHARS
    lede = LEDE_END.search(text, title_end + 1, lead_end)
    return Layout(
        title_end=title_end, lede_end=lede.end() if lede else lead_end, lead_end=lead_end,
        end=find_readers_text(text, lead_end),
        datelines=sorted([(match.start(1), match.end(1)) for match in DATELINE.finditer(text, title_end + 1, lead_end)]
                         + [match.span(match.lastindex) for match in UNCASED_DATELINE.finditer(text, title_end + 1, lead_end)]),
        paragraph_starts=[0] + [match.end() for match in NEWLINE.finditer(text)])


def find_evidence(text: str, vocabulary: Vocabulary, layout: Layout,
                  mentions: list[tuple[int, int, str]] | None = None) -> dict[str, list[tuple[int, int]]]:
    """Article text, its layout (and its find_mentions, if made) in; {tag: (start, end) of each
    mention that is evidence of what the article is about} out, for the tags named at least once
    as the name rather than as a common word; a place's list holds the mentions of the places
    that lie in it too."""
    title_end = layout.title_end
    headlines = find_headline_lines(text, title_end)
    ads = find_ad_lines(text, title_end)
    if mentions is None:
        mentions = find_mentions(text, vocabulary)
    # Names of other things the text itself shows ("Lexus IS" in a
    # sentence): in a Headline In Title Case, where every word is
    # capitalised, only these tell such a name apart.
    named_other = {(start, end): word for start, end, _ in mentions
                   if (word := names_other_thing(text, start, end))}
    other_things = {(text[start:end], word) for (start, end), word in named_other.items()
                    if not is_title_case_line(text, start)}
    redefined = find_redefined_abbreviations(text, mentions)
    mention_starts = frozenset(start for start, _, _ in mentions)
    mention_ends = frozenset(end for _, end, _ in mentions)
    parts_of_names = {(start, end): word for start, end, tag in mentions
                      if vocabulary.tags[tag].kind == "place"
                      and (word := names_part_of_name(text, start, end, mention_starts, mention_ends))}
    names_in_body = {(normalise_alias(text[start:end], True), word) for (start, end), word in parts_of_names.items()
                     if not is_title_case_line(text, start)}
    listed = find_listed_places(text, mentions, vocabulary, title_end)
    given_names = find_given_names(text, mentions, vocabulary)
    # An organisation's name the article writes as a person's surname ("Harrison
    # Ford") is that person wherever it stands alone ("Ford told the audience").
    surnames = {text[start:end] for start, end, tag in mentions if vocabulary.tags[tag].kind == "organisation"
                and names_someone_else(text, start, end, vocabulary.tags[tag], vocabulary.common_words, mention_ends)}
    states = find_state_homonyms(text, mentions, vocabulary)
    styles = find_style_adjectives(text, mentions, vocabulary)
    shopping = is_shopping_list(text, title_end)
    spans: dict[str, list[tuple[int, int]]] = {}
    plain: set[str] = set()
    passages: dict[tuple[str, str], int] = {}     # (tag, passage) -> where the passage first ended
    for start, end, tag in mentions:
        window = (max(0, start - REPEATED_PASSAGE_CHARS), end + REPEATED_PASSAGE_CHARS)
        passage = (tag, text[window[0]:window[1]])
        if start > title_end and passages.get(passage, len(text)) <= window[0]:
            continue                      # the same passage again: a pull quote, a teaser, a page's repeat
        passages.setdefault(passage, window[1])
        if text[start:end] in redefined:
            continue                      # "Impression share (IS)", "Self-Defense Forces (SDF)"
        word = named_other.get((start, end))
        if word and (text[start:end], word) in other_things:
            continue                      # "Lexus IS", "SEXY IS:"
        if start >= layout.end or is_in_spans(start, ads):
            continue                      # readers' comments, advertisements: not the article
        if is_in_spans(start, headlines):
            continue                      # a related story's headline, a subheading
        if BRAND_NUMBER.match(text, end):
            continue                      # "France 24", "Channel 4": a brand, not the place
        if text[start:end] in vocabulary.common_words and (COMPOUND_WORD.match(text, end)
                                                           or VERB_OBJECT.match(text, end)):
            continue                      # "Hit-and-run", "Hit the hotkey"
        if (names_someone_else(text, start, end, vocabulary.tags[tag], vocabulary.common_words, mention_ends)
                or text[start:end] in surnames):
            continue                      # "Michelle Obama", "Harrison Ford ... Ford said"
        if vocabulary.tags[tag].kind == "organisation" and (names_seller(text, start, end)
                                                             or (shopping and start > title_end)):
            continue                      # "Get it on Amazon for $139", "also at Walmart", a deals page's brands
        if tag in states or text[start:end] in given_names:
            continue                      # "Atlanta, Georgia"; "Chad Hurley ... Chad says"
        if vocabulary.tags[tag].kind == "place" and names_namesake(text, start, end):
            continue                      # "the University of Virginia", "Ohio State University"
        if vocabulary.tags[tag].kind == "place" and not is_in_spans(start, layout.datelines):
            if (start, end) in listed:
                continue                  # "France, Germany and Italy", "from Spain to Japan"
            if (names_origin(text, start, end, vocabulary.tags[tag], vocabulary.demonyms)
                    or names_style(text, start, end, vocabulary.tags[tag])
                    or (tag in styles and is_demonym(text[start:end], vocabulary.tags[tag]))):
                continue                  # "Brazilian-born", "the ancient Greeks", "Italian dishes"
            if start > title_end and names_nationality(text, start, end):
                continue                  # "German Michael Berrer", "a US car maker"
            if start > title_end and names_market(text, start, end):
                continue                  # "shares closed in New York", "their New York close"
        word = parts_of_names.get((start, end))
        if word and (not is_title_case_line(text, start)
                     or (normalise_alias(text[start:end], True), word) in names_in_body):
            continue                      # "American Apparel", "Tri-City Americans", "Turkey Day"
        if vocabulary.tags[tag].kind == "place" and names_language(text, start, end, vocabulary.tags[tag]):
            continue                      # "translated into French", "British spelling"
        spans.setdefault(tag, []).append((start, end))
        if text[start:end].casefold() not in COMMON_WORD_ALIASES or not reads_as_word(text, start, end):
            plain.add(tag)
    spans = {tag: where for tag, where in spans.items() if tag in plain}     # not "there IS an oxygen bar"
    # A topic's weak words (a venue, a trade: "shot at a cinema", "singer
    # Jane Doe wore") are evidence only beside a word of the subject itself,
    # or in the headline, which names the subject ("Hobbit Movie Posters").
    spans = {tag: where for tag, where in spans.items() if not vocabulary.tags[tag].weak
             or any(start < title_end or normalise_alias(text[start:end], True) not in vocabulary.tags[tag].weak
                    for start, end in where)}
    # A place counts the mentions of what lies in it ("Syrian troops" for Syria).
    for tag in list(spans):
        for parent in vocabulary.implied.get(tag, ()):
            if parent in spans:
                spans[parent] = sorted(spans[parent] + spans[tag])
    return spans


def weigh_tags(text: str, vocabulary: Vocabulary, mentions: list[tuple[int, int, str]] | None = None,
               layout: Layout | None = None) -> dict[str, str]:
    """Article text (title + body) (and its find_mentions and find_layout, if made) in; {tag: the
    evidence that the article is about it ("headline", "lede", "dateline", "lead" or "count")} out,
    without the places the tags lie in."""
    layout = layout or find_layout(text)
    spans = find_evidence(text, vocabulary, layout, mentions)
    starts = {tag: [start for start, _ in where] for tag, where in spans.items()}
    places = [len(where) for tag, where in starts.items() if vocabulary.tags[tag].kind == "place"]
    most_named_place = max(places, default=0)
    words = len(text[:layout.end].split())
    named: dict[str, str] = {}
    for tag, where in starts.items():
        kind = vocabulary.tags[tag].kind
        needed = count_needed(kind, words)
        if where[0] < layout.title_end:
            named[tag] = "headline"
        elif any(is_in_spans(start, layout.datelines) for start in where):
            named[tag] = "dateline"
        elif where[0] < layout.lede_end and (kind == "person" or words < SHORT_ARTICLE_WORDS
                                             or len(where) >= needed[0]):
            named[tag] = "lede"
        elif where[0] < layout.lead_end and len(where) >= needed[0]:
            named[tag] = "lead"
        elif (len(where) >= needed[1]
              and (count_paragraphs(where, layout.paragraph_starts) >= ABOUT_MIN_PARAGRAPHS
                   or where[-1] - where[0] >= min(ABOUT_PASSAGE_CHARS, len(text) * ABOUT_PASSAGE_SHARE))
              and (kind != "place" or len(where) >= PLACE_MIN_SHARE * most_named_place)):
            named[tag] = "count"
    return named


def count_needed(kind: str, words: int) -> tuple[int, int]:
    """A tag's kind and the article's length in words in; how many mentions make the article about
    it when one is in the lede or the lead, and when none is, out."""
    if kind != "place":
        return ABOUT_LEAD_MENTIONS, ABOUT_TOPIC_MENTIONS if kind == "topic" else ABOUT_MIN_MENTIONS
    by_length = min(PLACE_MAX_MENTIONS, math.ceil(words / PLACE_WORDS_PER_MENTION))
    return max(ABOUT_LEAD_MENTIONS, by_length), max(ABOUT_MIN_MENTIONS, by_length)


def count_paragraphs(positions: list[int], paragraph_starts: list[int]) -> int:
    """Sorted positions and where each paragraph starts in; how many paragraphs hold them out."""
    return len({bisect_right(paragraph_starts, position) for position in positions})


def find_headline_lines(text: str, title_end: int) -> list[tuple[int, int]]:
    """Article text and where its title ends in; (start, end) of the body lines that read as
    headlines (short, no sentence end) or as a row of them set off by bars out."""
    return body_line_spans(text, title_end, lambda line: (bool(line.strip())
                           and len(line.split()) < SUBHEAD_MAX_WORDS and not ENDS_SENTENCE.search(line))
                           or is_link_row(line))


# A line of at least LINK_ROW_MIN_ITEMS short items set off by bars or
# bullets ("Ferry timetable changes | Romney, Obama and the debate night |
# ..."): a menu or a row of related stories' headlines that the
# cleaner kept on one line. Names in it are no evidence.
LINK_ROW_SEPARATOR = re.compile(r"[ \u00a0]+[|\u2022\u00b7][ \u00a0]+")
LINK_ROW_MIN_ITEMS = 3


def is_link_row(line: str) -> bool:
    """A line in; True when it is a row of short items set off by bars or bullets out."""
    items = LINK_ROW_SEPARATOR.split(line)
    return (len(items) >= LINK_ROW_MIN_ITEMS
            and all(len(item.split()) < SUBHEAD_MAX_WORDS for item in items)
            and sum(bool(ENDS_SENTENCE.search(item)) for item in items) * 2 < len(items))


def is_in_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    """Position and sorted, non-overlapping spans in; True when one holds the position out."""
    index = bisect_right(spans, (position, math.inf)) - 1        # the last span starting at or before it
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def iter_names(text: str, covered: list[tuple[int, int, str]]) -> Iterator[tuple[int, str]]:
    """Text and vocabulary mentions in; (position, name) of capitalised multi-word names no tag covers out."""
    starts = [start for start, _, _ in covered]
    for run in NAME_RUN.finditer(text):
        part: list[tuple[int, str]] = []
        for word in WORD.finditer(run.group()):
            start, end = run.start() + word.start(), run.start() + word.end()
            if (word.group().lower().rstrip(".") in NAME_TITLE_WORDS
                    or is_covered(start, end, covered, starts)):
                yield from trim_name(part)
                part = []
            else:
                part.append((start, word.group()))
        yield from trim_name(part)


def is_covered(start: int, end: int, covered: list[tuple[int, int, str]], starts: list[int]) -> bool:
    """Span and sorted, non-overlapping mentions in; True when a mention overlaps the span out."""
    before = bisect_right(starts, start) - 1
    if before >= 0 and covered[before][1] > start:
        return True
    after = before + 1
    return after < len(covered) and covered[after][0] < end


def trim_name(words: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Words of a capitalised run in; the name without titles and sentence openers, if two words remain, out."""
    while words and words[0][1].lower().rstrip(".") in NAME_EDGE_WORDS:
        words = words[1:]
    while words and words[-1][1].lower() in NAME_EDGE_WORDS:
        words = words[:-1]
    capitalised = [word for _, word in words if word[:1].isupper() or "-" in word]
    if len(capitalised) >= 2:
        yield words[0][0], " ".join(word for _, word in words)


def count_surname(text: str, name: str, folded: str | None = None) -> int:
    """Text (and the same folded by fold_case) and name in; how often the name's last word
    (without "al-") stands alone in the text out."""
    surname = re.sub(r"^(?:al|el)[-\u2010]", "", name.split()[-1], flags=re.IGNORECASE)
    if len(surname) < SURNAME_MIN_CHARS:
        return 0
    if folded is None or not surname.isascii():
        return len(re.findall(NAME_START + re.escape(surname) + NAME_END, text, re.IGNORECASE))
    # what re.findall counts: leftmost matches, none overlapping, no word character either side
    wanted, count, start = surname.lower(), 0, folded.find(surname.lower())
    while start >= 0:
        end = start + len(wanted)
        if (start == 0 or not WORD_CHAR.match(text, start - 1)) and not WORD_CHAR.match(text, end):
            count += 1
            start = folded.find(wanted, end)
        else:
            start = folded.find(wanted, start + 1)
    return count


def fold_case(text: str) -> str:
    """Text in; the same length of text in which count_surname finds an ASCII name case-blind."""
    if any(chr(code) in text for code in ASCII_CASE_FOLD):    # rare: translate walks every character
        text = text.translate(ASCII_CASE_FOLD)
    return text.lower()


def suggest_tags(text: str, vocabulary: Vocabulary, limit: int = 5,
                 mentions: list[tuple[int, int, str]] | None = None) -> list[str]:
    """Article text (and its find_mentions, if made) in; up to `limit` frequent proper names no tag
    covers that the article is about, most mentioned first, out."""
    covered = find_mentions(text, vocabulary) if mentions is None else mentions
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for position, name in iter_names(text, covered):
        counts[name] += 1
        first_seen.setdefault(name, position)
    folded = fold_case(text) if counts else ""
    mentions = {name: max(count, count_surname(text, name, folded)) for name, count in counts.items()}
    # Only names the article is about, as assign_tags judges it from the
    # name as written: accepting the suggestion then tags this article.
    first_line = text.find("\n")
    lead_end = (first_line if first_line >= 0 else 0) + ABOUT_LEAD_CHARS
    ranked = sorted((name for name, count in mentions.items() if count >= SUGGEST_MIN_MENTIONS
                     and (first_seen[name] < lead_end or counts[name] >= ABOUT_MIN_MENTIONS)),
                    key=lambda name: (-mentions[name], first_seen[name]))
    return ranked[:limit]


# A tag name or alias an editor adds from the command line is written the
# way names are in articles: letters (with their marks) and digits, and
# inside it these; at most this long.
ADDED_NAME_PUNCTUATION = frozenset(" .'\u2019&-\u2010")
ADDED_NAME_MAX_CHARS = 80
# The vocabulary's top-level key, written as a block mapping ("tags:" and
# maybe a comment), and its first entry's indentation.
TAGS_KEY_LINE = re.compile(r"tags:[ \t]*(?:#.*)?")
ENTRY_INDENT = re.compile(r"([ \t]+)[^\s#]")


def check_added_name(name: str, vocabulary: Vocabulary) -> str:
    """A name for the vocabulary in; the reason it cannot be added ("" if it can) out."""
    if (not name[:1].isalnum() or not (name[-1].isalnum() or name[-1] == ".")
            or len(name) > ADDED_NAME_MAX_CHARS or "  " in name
            or not all(char.isalnum() or unicodedata.category(char)[0] == "M"
                       or char in ADDED_NAME_PUNCTUATION for char in name)):
        return (f"{name!r} is not a name: use letters, digits, spaces, hyphens, apostrophes and "
                f"dots, at most {ADDED_NAME_MAX_CHARS} characters")
    for pattern, lookup, fold in vocabulary.matchers:
        found = lookup.get(normalise_alias(name, fold))
        if found == OTHER_NAME:
            return f"{name!r} is already in the vocabulary, under other_names"
        if found is not None:
            return f"{name!r} is already in the vocabulary" + (
                "" if found == name else f", as a name of the tag {found!r}")
    return ""


def add_tag_entry(text: str, name: str, aliases: Iterable[str] = (), kind: str | None = None) -> str:
    """tags.yaml's text, a new tag's name (its aliases and kind) in; the text with the tag appended at
    the end of `tags:`, everything else as written, out (ValueError saying why it cannot be added)."""
    name, aliases = name.strip(), [alias.strip() for alias in aliases]
    if kind is not None and kind not in TAG_KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(sorted(TAG_KINDS))}")
    try:
        vocabulary = build_vocabulary(yaml.safe_load(text) or {})
    except yaml.YAMLError as err:
        raise ValueError(f"it does not load as YAML now: {err}") from None
    for added in [name, *aliases]:
        problem = check_added_name(added, vocabulary)
        if problem:
            raise ValueError(problem)
    if len({normalise_alias(a, True) for a in [name, *aliases]}) < 1 + len(aliases):
        raise ValueError("a name or alias is given twice")
    entry: dict[str, Any] = {}
    if kind:
        entry["kind"] = kind
    if aliases:
        entry["aliases"] = aliases
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = next((i for i, line in enumerate(lines) if line.startswith("tags:")), None)
    if start is not None and not TAGS_KEY_LINE.fullmatch(lines[start].rstrip("\n")):
        raise ValueError("its `tags:` is not written as one tag a line (block style): add the tag by hand")
    if start is None:
        lines.append("tags:\n")
        start = len(lines) - 1
    end = len(lines)                  # the next top-level key, or the end
    for i in range(start + 1, len(lines)):
        if lines[i][:1] not in ("", " ", "\t", "\r", "\n", "#"):
            end = i
            break
    while end > start + 1 and lines[end - 1].strip()[:1] in ("", "#") and end < len(lines):
        end -= 1                      # the next key's own comments and blank lines stay with it
    indent = next((m.group(1) for line in lines[start + 1:end] if (m := ENTRY_INDENT.match(line))), "  ")
    dumped = yaml.safe_dump({name: entry or None}, allow_unicode=True, sort_keys=False,
                            default_flow_style=None if entry else False, width=1000)
    dumped = dumped.replace(": null\n", ":\n", 1) if not entry else dumped
    added = "".join(indent + line if line.strip() else line for line in dumped.splitlines(keepends=True))
    new_text = "".join(lines[:end]) + added + "".join(lines[end:])
    try:
        check = build_vocabulary(yaml.safe_load(new_text) or {})
    except (yaml.YAMLError, ValueError, AttributeError) as err:
        raise ValueError(f"the file would not load with the tag appended ({err}): add it by hand") from None
    if name not in check.tags or check.tags[name].aliases != tuple(dict.fromkeys([name, *aliases])):
        raise ValueError("the tag could not be appended where `tags:` ends: add it by hand")
    if set(check.tags) != set(vocabulary.tags) | {name}:
        raise ValueError("appending the tag would change the others: add it by hand")
    return new_text
