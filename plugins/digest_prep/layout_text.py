"""Copied text in the layouts editors hand in, brought to one block a line.

The text cleaner reads one block of the page per line. Editors also hand in
text hard-wrapped at 60-80 columns (a paragraph spread over several lines),
whole articles on one line, and text holding raw HTML the copy did not
render (a page whose broken markup, such as an unclosed <title>, turned
the rest of the document into one line of source). normalise_layout
renders such markup into the blocks a browser would show, and joins the
lines of a wrapped paragraph (each block keeps the number of the raw line
it comes from, for the review page); paragraphs splits a body line holding
a whole article into readable paragraphs at sentence boundaries, never
inside a quotation. Blank lines between paragraphs need nothing: the
cleaner skips them.

Chinese and Japanese write no spaces between words: their lines are
measured in display columns (a CJK character takes two, as it does in the
fixed-width text a wrap is made in), and a line break next to a CJK
character is no word space, so wrapped lines and split sentences are
joined without one there.

make_layout does the opposite, for training and measuring: it turns a page
of one block a line into each of those layouts.
"""
from __future__ import annotations

import re
import textwrap
import zlib
from typing import Callable, Sequence

from lxml import etree
import lxml.html

LAYOUTS = ("blank", "wrapped", "oneline")

# Characters two columns wide on a screen and in a fixed-width wrap
# (Unicode East Asian Width W or F): CJK ideographs and their punctuation,
# kana, hangul, fullwidth forms. Emoji are left out: they are not text a
# wrap is measured in, and English pages carry them.
WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                  "\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60"
                  "\uffe0-\uffe6\U00020000-\U0003fffd]")
# Scripts written without spaces between words (Chinese, Japanese): a line
# break or sentence end next to one of their characters is no word space.
# Hangul is wide but Korean spaces its words, so it is not one of them.
UNSPACED = re.compile("[\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                      "\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\U00020000-\U0003fffd]")
# Chinese and Japanese open a paragraph with an indent of ideographic spaces.
IDEOGRAPHIC_SPACE = "\u3000"
# Such an indent after a sentence's end, inside a line, opens a paragraph
# that was glued to the one before (a CJK article copied onto one line).
INDENT_BREAK = re.compile("(?<=[。！？”’」』）)])\u3000+")
# Their letters (ideographs, kana), and Korean's (hangul syllables).
CJK_LETTERS = re.compile("[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HANGUL = re.compile("[\uac00-\ud7a3]")
# A line break between two of their characters, with the spaces around it:
# no word space, so dropped where the text is joined (in HTML, the browser
# shows none: CSS Text's segment break rule).
CJK_SEGMENT_BREAK = re.compile(rf"(?<={UNSPACED.pattern})[ \t\r\f]*\n\s*(?={UNSPACED.pattern})")

# Hard-wrapped text: most long lines end near the same column (widths in display columns).
WRAP_MIN_WIDTH = 40                 # narrower text is a list of short lines, not wrapped prose
WRAP_MAX_WIDTH = 100                # wider lines are blocks of their own
WRAP_FULL = 0.6                     # a line this share of the width long is wrapped, not a paragraph's end
WRAP_MIN_SHARE = 0.5                # share of the long lines that must end in the band of the width
WRAP_MIN_LINES = 6
WRAP_INNER_SHARE = 0.8              # the same share, of the long lines with a line below them:
                                    # stricter, as inside a wrapped paragraph every such line ends
                                    # in the band; at 0.8 no .txt or .copy.txt of the shared sets
                                    # is newly read as wrapped
WRAP_OVERRUNS = 0.05                # share of lines that may overrun the width (a long URL)
WRAP_SLACK = 2                      # columns a full CJK line may fall short of the width read
# A whole article on one line: a body line this long is split into paragraphs
# (lengths in display columns, so a CJK character counts two).
SPLIT_MIN_CHARS = 1500
PARAGRAPH_CHARS = 450               # a paragraph closes at the first sentence end past this length
QUOTE_MAX_CHARS = 4000              # ... outside a quotation, unless it has run this long
# A sentence ends at a stop, its closers and a space before a capital or a
# digit; in Chinese and Japanese at a fullwidth stop, with or without a
# space, unless a closing quote or bracket follows it: a stop inside a
# quotation ends the quoted sentence, and the sentence quoting it goes on
# ("……方便多了。”他说。", "……したい」と説明した。").
SENTENCE = re.compile(r"(?<=[.!?。！？])[\"'”’»)]*\s+(?=[\"'“‘«(]?[A-Z0-9\u00c0-\u024f\u0400-\u04ff])"
                      r"|(?<=[。！？])(?![。！？”’」』）)\"'])\s*")
OPEN_QUOTES = "“«„「『"
CLOSE_QUOTES = "”»」』"
# Raw markup: a line holding a page's worth of HTML source that the copy did
# not render. Prose that mentions a tag ("wrap it in a <div>"), a comment
# form's list of allowed tags (at most 15 tags, none closed, on the training
# sets), a snippet quoted in an article and a widget's template shown as
# text (46 tags, the most on a line of the training sets' dumps: a search
# box's template on 9 dragnet-train pages) stay as they are: the line needs
# MARKUP_MIN_TAGS tags, MARKUP_MIN_CLOSED of them closing tags (source
# closes its elements; a list of tags names them), and MARKUP_MIN_SHARE of
# its characters in markup (tags, comments, scripts and styles), unless it
# holds MARKUP_MANY_TAGS tags, which no paragraph of prose does: the source
# of a page of long paragraphs is mostly text (8% markup on a cleaneval-dev
# page). A page's source holds hundreds of tags.
MARKUP_MIN_TAGS = 50
MARKUP_MIN_CLOSED = 0.2
MARKUP_MIN_SHARE = 0.3
MARKUP_MANY_TAGS = 100
MARKUP_TAG = re.compile(r"<(/?)[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
MARKUP_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
# Rendered as a text dump renders them (html_text, which made the .txt dumps
# the cleaner learned from): these elements start and end a line; cells and
# inline elements run on in their line.
MARKUP_BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
    "hr", "html", "legend", "li", "main", "nav", "ol", "option", "p", "pre", "section", "summary", "table",
    "title", "tr", "ul"))
# Never shown: their text is code, styles or a template.
MARKUP_HIDDEN_TAGS = frozenset(("script", "style", "template", "noembed", "object", "iframe", "svg"))


def normalise_layout(text: str) -> list[tuple[int, str]] | None:
    """Page text in, (raw line number, block) pairs when it is hard-wrapped or holds raw markup; None when it is one block a line."""
    lines = text.splitlines()
    measure = find_wrap_measure(text, lines)
    blocks = join_wrapped(lines, measure) if measure is not None else None
    if text.count("</") < MARKUP_MIN_TAGS * MARKUP_MIN_CLOSED:
        return blocks
    # a block of source, on one line or hard-wrapped, is rendered; each block
    # it gives keeps the number of the raw line the source starts on
    numbered = blocks if blocks is not None else list(enumerate(lines, 1))
    marked = [is_markup(block) for _, block in numbered]
    if not any(marked):
        return blocks
    return [(number, part) for (number, block), markup in zip(numbered, marked)
            for part in (render_markup(block) if markup else (block.strip(),)) if part]


def join_wrapped(lines: Sequence[str], measure: Callable[[str], int]) -> list[tuple[int, str]]:
    """Hard-wrapped lines (and how their wrap is measured) in, (raw line number, paragraph) pairs: the lines of each paragraph joined."""
    width = wrap_width(lines, measure)
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            if current:
                blocks.append((first, join_lines(current)))
                current = []
            continue
        if not current:
            first = number
        current.append(line)
        used = measure(raw.rstrip())
        following = lines[number] if number < len(lines) else ""
        if ((used < WRAP_FULL * width and not pushed_down(used, following, width, measure))
                or (following and ends_cjk_paragraph(line, used, following, width))):
            blocks.append((first, join_lines(current)))      # a short line ends its paragraph
            current = []
    if current:
        blocks.append((first, join_lines(current)))
    return blocks


def pushed_down(used: int, following: str, width: int, measure: Callable[[str], int]) -> bool:
    """A wrapped line's width, the next line, the wrap's width and its measure in; True when the next line's first word did not fit after the line.

    A wrap moves a word too long for the rest of the line down whole (a web
    address, a run of script), leaving the line short: that short line is
    no paragraph's end.
    """
    words = following.split(None, 1)
    return bool(words) and used + 1 + measure(words[0]) > width


def is_markup(line: str) -> bool:
    """A line in, True if it holds raw HTML source (MARKUP_MIN_TAGS): markup a copy did not render."""
    if len(line) < MARKUP_MIN_TAGS * 3 or line.count("</") < MARKUP_MIN_TAGS * MARKUP_MIN_CLOSED:
        return False
    hidden = sum(len(m.group(0)) for m in MARKUP_HIDDEN.finditer(line))
    tags = list(MARKUP_TAG.finditer(MARKUP_HIDDEN.sub(" ", line) if hidden else line))
    closed = sum(1 for m in tags if m.group(1))
    markup = hidden + sum(m.end() - m.start() for m in tags)
    return (len(tags) >= MARKUP_MIN_TAGS and closed >= MARKUP_MIN_CLOSED * len(tags)
            and (markup >= MARKUP_MIN_SHARE * len(line) or len(tags) >= MARKUP_MANY_TAGS))


def render_markup(line: str) -> list[str]:
    """A line of raw HTML source in, the blocks a text dump of it shows, one a line (scripts, styles and comments dropped)."""
    try:
        root = lxml.html.document_fromstring(line)
    except (etree.LxmlError, ValueError):       # nothing lxml can read: the line as it is
        return [line.strip()]
    blocks: list[str] = []
    current: list[str] = []

    def close_block() -> None:
        if current:
            block = " ".join(" ".join(current).split())
            if block:
                blocks.append(block)
            current.clear()

    walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walk:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in MARKUP_BLOCK_TAGS:
                close_block()
            if tag in MARKUP_HIDDEN_TAGS:
                walk.skip_subtree()         # its "end" event still comes, with its tail
            elif element.text:
                current.append(element.text)
            continue
        if event == "end" and tag in MARKUP_BLOCK_TAGS:
            close_block()
        if element.tail:
            current.append(element.tail)
    close_block()
    return blocks


def ends_cjk_paragraph(line: str, used: int, following: str, width: int) -> bool:
    """A line, the columns it takes, the raw line after it and the wrap width in; True when the break
    between them is Chinese or Japanese and the next line is indented, or what opens it would have
    fitted on this one."""
    # A wrap breaks such text between any two characters, so a wrapped line
    # is full to within a character or a run of digits and Latin letters
    # (WRAP_SLACK for a width read a little off); a headline or a date line
    # ends well short of the width, even when longer than WRAP_FULL of it.
    # A paragraph that fills its last line shows its end by the next one's indent.
    if following.lstrip(" \t").startswith(IDEOGRAPHIC_SPACE):
        return True
    following = following.strip()
    if not following or not (UNSPACED.match(line[-1]) or UNSPACED.match(following[0])):
        return False
    opening = following[0] if UNSPACED.match(following[0]) else UNSPACED.split(following.split()[0])[0]
    return used + display_width(opening) <= width - WRAP_SLACK


def paragraphs(block: str) -> list[str]:
    """A body block in; a whole article on one line split into readable paragraphs, any other block as it is."""
    if IDEOGRAPHIC_SPACE in block:
        pieces = [piece.strip() for piece in INDENT_BREAK.split(block) if piece.strip()]
        if len(pieces) > 1:                 # its own paragraphs' indents
            return [part for piece in pieces for part in paragraphs(piece)]
    if display_width(block) < SPLIT_MIN_CHARS:
        return [block]
    parts = split_paragraphs(block)
    return parts if len(parts) > 1 else [block]


def display_width(line: str) -> int:
    """A line in, the columns it takes in fixed-width text (a CJK character takes two)."""
    if line.isascii():
        return len(line)
    return len(line) + len(WIDE.findall(line))


def join_lines(pieces: Sequence[str]) -> str:
    """Stripped pieces of one paragraph (wrapped lines, sentences) in, the paragraph: joined by a space, or by
    nothing where a piece ends or the next begins with a Chinese or Japanese character (those scripts put
    no space between words, and a wrap may break between any two characters)."""
    out = pieces[0] if pieces else ""
    for piece in pieces[1:]:
        if out and piece and (UNSPACED.match(out[-1]) or UNSPACED.match(piece[0])):
            out += piece
        else:
            out = f"{out} {piece}"
    return out


def find_wrap_measure(text: str, lines: Sequence[str]) -> Callable[[str], int] | None:
    """Page text and its lines in; how their wrap is measured (display_width or len) if they are hard-wrapped, else None."""
    # A wrap of Chinese or Japanese breaks between characters, which only a
    # wrapper that counts display columns does. Korean spaces its words: a
    # word wrapper may have counted its characters instead (as Python's
    # textwrap does), so where Hangul outnumbers Chinese and Japanese
    # letters, characters are tried too.
    if is_wrapped(lines):
        return display_width
    if not text.isascii() and len(HANGUL.findall(text)) > len(CJK_LETTERS.findall(text)) and is_wrapped(lines, len):
        return len
    return None


def wrap_width(lines: Sequence[str], measure: Callable[[str], int] = display_width) -> int:
    """Lines (and how to measure them) in, the column most long lines end near."""
    # a word too long for any line (a web address, a run of script) stands
    # on a line of its own past the width: only lines of several words (or
    # of Chinese or Japanese, wrapped anywhere) tell it
    lengths = sorted(measure(line.rstrip()) for line in lines
                     if measure(line.strip()) >= WRAP_MIN_WIDTH and is_breakable(line))
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def is_breakable(line: str) -> bool:
    """A line in; True when a wrap could have broken it: it holds several words, or Chinese or Japanese."""
    return " " in line.strip() or UNSPACED.search(line) is not None


def is_wrapped(lines: Sequence[str], measure: Callable[[str], int] = display_width) -> bool:
    """Lines (and how to measure them) in, True if they look hard-wrapped: many end in a narrow band below a width of 60-100."""
    if len(lines) < WRAP_MIN_LINES:
        return False
    # a long line of several words is a paragraph on its own line: not wrapped
    # (a long URL or word alone on its line may overrun the width); a wrap
    # breaks Chinese or Japanese between any two characters, so a long line
    # holding them is a paragraph too
    if any(measure(line) > WRAP_MAX_WIDTH * 1.5 and is_breakable(line) for line in lines):
        return False
    widths = [measure(line.rstrip()) for line in lines]        # 0 for a blank line
    lengths = [n for n in widths if n]
    if len(lengths) < WRAP_MIN_LINES:
        return False
    width = wrap_width(lines, measure)
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH:
        return False
    def in_band(n: int) -> bool:
        return width * 0.8 <= n <= width + 2

    long = [n for n in lengths if n >= WRAP_FULL * width]
    band = [n for n in long if in_band(n)]
    over = sum(1 for n, line in zip(widths, lines) if n > width + 12 and is_breakable(line))
    if len(band) < WRAP_MIN_LINES or over > WRAP_OVERRUNS * len(lengths):
        return False
    if len(band) >= WRAP_MIN_SHARE * len(long):
        return True
    # where blank lines part the paragraphs, a paragraph's last line may end
    # anywhere (short paragraphs make many of them), but a line with another
    # below it in the same paragraph ends in the band
    inner = [n for n, below in zip(widths, widths[1:]) if n >= WRAP_FULL * width and below]
    inner_band = [n for n in inner if in_band(n)]
    return len(inner_band) >= WRAP_MIN_LINES and len(inner_band) >= WRAP_INNER_SHARE * len(inner)


def split_paragraphs(block: str) -> list[str]:
    """A long block in, paragraphs of a few sentences each; never split inside a quotation."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    open_quotes = 0                         # curly quotes opened and not closed yet
    straight = 0                            # straight double quotes seen (odd: one is open)
    for sentence in split_sentences(block):
        current.append(sentence)
        size += display_width(sentence) + 1
        open_quotes += sum(sentence.count(c) for c in OPEN_QUOTES) - sum(sentence.count(c) for c in CLOSE_QUOTES)
        straight += sentence.count('"')
        quoted = open_quotes > 0 or straight % 2 == 1
        # a quotation longer than QUOTE_MAX_CHARS is a stray quote mark
        if size >= PARAGRAPH_CHARS and (not quoted or size >= QUOTE_MAX_CHARS):
            parts.append(join_lines(current))
            current, size, open_quotes, straight = [], 0, 0, 0
    if current:
        if parts and size < PARAGRAPH_CHARS / 4:
            parts[-1] = join_lines([parts[-1], join_lines(current)])
        else:
            parts.append(join_lines(current))
    return parts


def split_sentences(block: str) -> list[str]:
    """A block in, its sentences (the cut after a sentence end, before a capital or a digit)."""
    out = []
    start = 0
    for m in SENTENCE.finditer(block):
        piece = block[start:m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = block[start:].strip()
    if tail:
        out.append(tail)
    return out


def make_layout(text: str, layout: str, labels: Sequence[int]) -> str:
    """A page of one block a line, a layout name and the body labels of its non-blank lines in, the page in that layout."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if layout == "blank":
        return "\n\n".join(lines) + "\n"
    if layout == "wrapped":
        width = 60 + zlib.crc32(text.encode("utf-8", "replace")) % 21
        return "\n\n".join(textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False)
                           for line in lines) + "\n"
    if layout == "oneline":
        body = [i for i, label in enumerate(labels) if label]
        if not body:
            return "\n".join(lines) + "\n"
        first, last = body[0], body[-1]
        inside = [lines[i] for i in range(first, last + 1) if not labels[i]]
        merged = " ".join(lines[i] for i in body)
        return "\n".join(lines[:first] + [merged] + inside + lines[last + 1:]) + "\n"
    raise ValueError(f"unknown layout {layout!r}")
