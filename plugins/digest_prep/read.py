"""Stage 1: list seeds/, read bytes, decode, sniff html/text, read sidecars.

Raw files are opened read-only and never changed. Everything a later stage
needs from the disk is read here.
"""
from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
from pathlib import Path
from typing import Any, Iterator, Mapping

import yaml

from .model import ConversionError, Seed

RAW_KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
SIDECAR_SUFFIXES = (".yaml", ".yml")
# Large enough for any real page: a page saved whole, images inlined, runs to
# tens of MB; small enough that one stray dump cannot exhaust memory.
MAX_RAW_BYTES = 64 * 1024 * 1024
# A page's copied text is rarely over 1 MB; past this a .txt file is a dump
# or a log, not an article (trafilatura refuses input over 20 MB likewise).
MAX_TEXT_BYTES = 16 * 1024 * 1024
# How much of a file is looked at to sniff its kind and charset.
SNIFF_BYTES = 4096

# Fields an editor may set in a sidecar or a raw file's own front matter.
OVERRIDE_KEYS = frozenset({
    "url", "source_url", "source", "publisher", "date", "title", "author",
    "tags", "section", "category", "summary", "lang", "keep", "drop", "approved", "editor",
})

MAGIC = (  # leading bytes of formats editors drop by mistake
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"RIFF", "a media file"),
)
BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.I)
# An editor's sidecar holds a few fields: a file this large is no sidecar.
MAX_SIDECAR_BYTES = 1024 * 1024


class OverrideLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):   # libyaml's parser when present
    """YAML loader for an editor's fields: dates and numbers stay text, as written.

    A date is checked once, where the editor's fields are merged
    (metadata.apply_overrides), and its message quotes what the editor
    wrote: `2024-02-30` or `1e309` is not lost to a parse error or turned
    into `inf` here.
    """


OverrideLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}

# libyaml's safe loader when present: it parses front matter ten times faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
RAW_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def list_seeds(seeds_dir: Path, root: Path) -> Iterator[Path | ConversionError]:
    """Seeds folder in; raw files out in name order, or an error for each one refused."""
    if not seeds_dir.is_dir():
        return
    yield from walk_seeds(str(seeds_dir), root.resolve())


def walk_seeds(top: str, root: Path) -> Iterator[Path | ConversionError]:
    """Folder and the resolved project root in; its raw files, then its subfolders', in name order.

    The walk keeps its own stack, so no depth of folders can exhaust
    Python's; an entry that cannot be looked at is reported and passed by.
    """
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as found:
                entries = sorted(found, key=lambda entry: entry.name)
        except OSError as err:
            if folder != top:
                yield ConversionError(f"{display_path(Path(folder), root)}: skipped: the folder "
                                      f"cannot be listed: {err.strerror or err}")
            continue
        folders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if not is_utf8(entry.name):        # could be neither recorded nor written in front matter
                yield ConversionError(f"{printable(display_path(Path(entry.path), root))}: skipped: "
                                      "its name is not UTF-8 text; rename it")
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                    continue
                if os.path.splitext(entry.name)[1].lower() in SIDECAR_SUFFIXES:
                    continue
                item = check_raw_path(Path(entry.path), root, entry.is_symlink(),
                                      entry.is_file(follow_symlinks=False))
                if item is not None:
                    yield item
            except OSError as err:
                yield ConversionError(f"{display_path(Path(entry.path), root)}: skipped: "
                                      f"cannot be read: {err.strerror or err}")
        stack.extend(reversed(folders))


def check_raw_path(path: Path, root: Path, is_link: bool, is_file: bool) -> Path | ConversionError | None:
    """A listed path, the project root, and whether it is a link or a regular file in; the path,
    why it is refused, or None for a link to a folder (not followed).

    Only regular files are read: a FIFO or a device would block the build
    or never end, and a link is followed only to a regular file inside the
    project. Raises OSError when the path cannot be looked at.
    """
    if is_link:
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(root):
            return ConversionError(
                f"{display_path(path, root)}: skipped: a link to {target}, "
                "outside the project (links out of the project are not followed)")
        try:
            mode = os.stat(path).st_mode
        except OSError as err:
            if err.errno == errno.ELOOP:
                return ConversionError(f"{display_path(path, root)}: skipped: a loop of links "
                                       "(a link that leads back to itself)")
            raise
        if stat.S_ISDIR(mode):
            return None                     # links to folders are not followed
        is_file = stat.S_ISREG(mode)
    if not is_file:
        return ConversionError(f"{display_path(path, root)}: skipped: not a regular file "
                               f"({describe_mode(path)})")
    return path


def is_utf8(name: str) -> bool:
    """A file name as os.fsdecode gives it in; False when its bytes are not UTF-8."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def describe_mode(path: Path) -> str:
    """A path that is no regular file in; what it is, in words ("a FIFO (named pipe)")."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "it cannot be looked at"
    for test, what in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return what
    return "not a file"


def open_regular(path: Path | str, rel: str = ""):
    """A path in; a binary handle on it, or ConversionError when it is no regular file.

    Opened without blocking, and checked on the open file itself, so a FIFO
    or a device put in a file's place can neither hang the build nor be read.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ConversionError(f"{rel or path}: skipped: not a regular file "
                                  f"({describe_mode(Path(path))})")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def hash_raw_file(path: Path) -> str | None:
    """Raw file path in; the sha256 of its bytes, or None if it is not a regular file or cannot be read."""
    try:
        with open_regular(path) as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except (OSError, ConversionError):
        return None                  # read_seed will report it


# What a terminal would act on rather than show: C0 and C1 controls (ESC
# among them), DEL, bidirectional overrides and isolates, line and paragraph
# separators, and lone surrogates (bytes of a name that are not UTF-8).
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                         "\u2028\u2029\ufeff\ud800-\udfff]")


def printable(text: object) -> str:
    """Any message in; the same with every control, escape and bidi character shown as \\xNN or \\uNNNN.

    Every message the digest prints passes through here: file names and
    values come from hostile raw files, and a terminal must only show them.
    """
    return UNPRINTABLE.sub(escape_character, str(text))


def escape_character(match: re.Match[str]) -> str:
    """One unprintable character in; its escape out (a name's undecodable byte as \\xNN)."""
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:             # os.fsdecode's stand-in for a byte that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def display_path(path: Path, root: Path) -> str:
    """Path in; the same path relative to the project root, POSIX style."""
    text, base = str(path), str(root)
    if os.path.isabs(text) and os.path.isabs(base) and text.startswith(base + os.sep):
        return text[len(base) + 1:].replace(os.sep, "/")     # the common case, without pathlib
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return Path(os.path.relpath(path.absolute(), root.absolute())).as_posix()


def read_seed(path: Path, root: Path) -> Seed:
    """Raw file path in; a decoded Seed out, or ConversionError saying why not."""
    rel = display_path(path, root)
    return make_seed(path, rel, read_raw_bytes(path, rel))


def read_raw_bytes(path: Path, rel: str) -> bytes:
    """Raw file path and its project-relative name in; its bytes, or ConversionError saying why not."""
    kind = RAW_KINDS.get(path.suffix.lower())
    if kind is None:
        raise ConversionError(f"{rel}: skipped: not a raw article "
                              f"(expected .txt, .html or .htm, got '{path.suffix or 'no suffix'}')")
    try:
        with open_regular(path, rel) as handle:
            size = os.fstat(handle.fileno()).st_size
            limit = MAX_TEXT_BYTES if kind == "text" else MAX_RAW_BYTES
            if size > limit:
                raise ConversionError(f"{rel}: skipped: {size / 2**20:.0f} MB is larger than "
                                      f"the {limit // 2**20} MB limit for one {kind} article")
            return handle.read(limit + 1)
    except OSError as err:
        raise ConversionError(f"{rel}: cannot be read: {err.strerror or err}") from err


def make_seed(path: Path, rel: str, data: bytes) -> Seed:
    """A raw file's path, project-relative name and bytes (as read_raw_bytes gives them) in; its Seed out."""
    kind = RAW_KINDS[path.suffix.lower()]
    text, encoding = decode_bytes(data, rel)
    if not text.strip():
        raise ConversionError(f"{rel}: skipped: the file is empty")
    if kind == "text" and HTML_START.match(data[:SNIFF_BYTES]):
        kind = "html"                  # a page saved with the wrong suffix
    text, overrides = split_raw_front_matter(text) if kind == "text" else (text, {})
    overrides = {**overrides, **read_sidecar(path, rel)}
    return Seed(rel_path=rel, data=data, sha256=hashlib.sha256(data).hexdigest(),
                kind=kind, text=text, encoding=encoding, overrides=overrides,
                sidecar_sha256=hash_sidecar(path))


def decode_bytes(data: bytes, rel: str = "") -> tuple[str, str]:
    """Raw bytes in; (text, encoding) out. Raises ConversionError for binary files."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return normalise_text(data[len(bom):].decode(encoding)), encoding
            except UnicodeDecodeError as err:
                raise ConversionError(f"{rel}: cannot be decoded: {encoding} byte-order mark, "
                                      f"but invalid {encoding} at byte {err.start}") from err
    head = data[:SNIFF_BYTES]
    for magic, what in MAGIC:
        if head.startswith(magic):
            raise ConversionError(f"{rel}: skipped: not text or HTML, it looks like {what}")
    encoding = sniff_utf16(head)
    if encoding is None and b"\x00" in head:
        raise ConversionError(f"{rel}: skipped: not text or HTML (binary data, NUL bytes)")
    candidates = [encoding] if encoding else []
    declared = META_CHARSET.search(head)
    if declared:
        candidates.append(declared.group(1).decode("ascii", "replace").lower())
    candidates.append("utf-8")
    for candidate in candidates:
        try:
            return normalise_text(data.decode(candidate)), codecs.lookup(candidate).name
        except (UnicodeDecodeError, LookupError):
            continue
    guess = guess_encoding(data)
    if guess is None:
        raise ConversionError(f"{rel}: skipped: not text or HTML (no text encoding fits)")
    return normalise_text(data.decode(guess, errors="replace")), guess


def sniff_utf16(head: bytes) -> str | None:
    """First bytes in; 'utf-16-le'/'utf-16-be' when they look like BOM-less UTF-16."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return None


def guess_encoding(data: bytes) -> str | None:
    """Bytes that are not UTF-8 in; the most likely legacy encoding, or None."""
    # only for the rare non-UTF-8 file: importing it costs every run about 25 ms
    from charset_normalizer import from_bytes
    best = from_bytes(data[:256 * 1024]).best()
    if best is None:
        return None
    return codecs.lookup(best.encoding).name


def normalise_text(text: str) -> str:
    """Decoded text in; text with one newline convention and no NUL or stray BOM."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "").lstrip("\ufeff")


def split_raw_front_matter(text: str) -> tuple[str, dict[str, Any]]:
    """Raw text in; (text, overrides) when it opens with an editor's YAML block."""
    match = RAW_FRONT_MATTER.match(text)
    if not match:
        return text, {}
    try:
        data = yaml.load(match.group(1), Loader=OverrideLoader)
    except (yaml.YAMLError, ValueError, RecursionError):
        return text, {}                 # dashes that open a page, not front matter
    if not isinstance(data, dict) or not data or not set(map(str, data)) <= OVERRIDE_KEYS:
        return text, {}
    # Keep the line count: blank lines where the block was, so line numbers
    # in the review report still match the raw file.
    blanks = "\n" * match.group(0).count("\n")
    try:
        return blanks + text[match.end():], normalise_overrides(data, "its front matter")
    except ConversionError:
        return text, {}                 # not an editor's block after all


def is_true(value: Any) -> bool:
    """An editor's flag as YAML gives it (bool, number or text) in; whether it says yes."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "1", "on"}
    return bool(value)


def sidecar_path(path: Path) -> Path:
    """Raw file path in; where its sidecar is or would be (NAME.yaml beside it)."""
    return find_sidecar(path) or path.with_suffix(SIDECAR_SUFFIXES[0])


def find_sidecar(path: Path) -> Path | None:
    """Raw file path in; its NAME.yaml (or .yml) sidecar, if there is one."""
    stem = os.path.splitext(str(path))[0]
    for suffix in SIDECAR_SUFFIXES:
        try:
            if stat.S_ISREG(os.lstat(stem + suffix).st_mode):    # a file, not a link to one
                return path.with_suffix(suffix)
        except OSError:
            continue
    return None


def hash_sidecar(path: Path) -> str:
    """Raw file path in; the sha256 of its sidecar, "" when it has none."""
    sidecar = find_sidecar(path)
    try:
        return hashlib.sha256(read_sidecar_bytes(sidecar)).hexdigest() if sidecar else ""
    except (OSError, ConversionError):
        return ""


def read_sidecar_bytes(sidecar: Path) -> bytes:
    """Sidecar path in; its bytes (at most MAX_SIDECAR_BYTES and one more), only from a regular file."""
    with open_regular(sidecar, sidecar.name) as handle:
        return handle.read(MAX_SIDECAR_BYTES + 1)


def read_sidecar(path: Path, rel: str) -> dict[str, Any]:
    """Raw file path in; the overrides of its NAME.yaml sidecar, if one exists."""
    sidecar = find_sidecar(path)
    if sidecar is None:
        return {}
    try:
        raw = read_sidecar_bytes(sidecar)
        if len(raw) > MAX_SIDECAR_BYTES:
            raise ConversionError(f"{rel}: its sidecar {sidecar.name} is larger than "
                                  f"{MAX_SIDECAR_BYTES // 2**20} MB, too large to be an editor's fields")
        data = yaml.load(raw.decode("utf-8"), Loader=OverrideLoader)
    except ConversionError:
        raise
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, RecursionError) as err:
        raise ConversionError(f"{rel}: its sidecar {sidecar.name} is not valid YAML: "
                              f"{str(err).splitlines()[0]}") from err
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConversionError(f"{rel}: its sidecar {sidecar.name} must be a mapping "
                              "of field: value")
    unknown = sorted(set(map(str, data)) - OVERRIDE_KEYS)
    if unknown:
        raise ConversionError(f"{rel}: its sidecar {sidecar.name} has unknown field(s) "
                              f"{', '.join(unknown)}; known: {', '.join(sorted(OVERRIDE_KEYS))}")
    return normalise_overrides(data, f"{rel}: its sidecar {sidecar.name}")


LIST_OVERRIDES = frozenset({"tags", "keep", "drop"})


def normalise_overrides(data: Mapping[Any, Any], origin: str = "") -> dict[str, Any]:
    """Parsed YAML mapping in; overrides with text values (lists for tags, keep, drop).

    Raises ConversionError naming `origin` for a value of the wrong shape.
    """
    out: dict[str, Any] = {}
    for key, value in data.items():
        key = str(key)
        if value is None:
            continue
        if key in LIST_OVERRIDES:
            items = [value] if not isinstance(value, list) else value
            if not all(isinstance(item, (str, int, float)) for item in items):
                raise ConversionError(f"{origin}: `{key}` must be a list of words or lines")
            out[key] = [str(item) for item in items]
        elif isinstance(value, (dict, list)):
            raise ConversionError(f"{origin}: `{key}` must be a single value, not a "
                                  f"{'list' if isinstance(value, list) else 'mapping'}")
        else:
            out[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return out


def read_yaml_file(path: Path) -> Any:
    """YAML file path in; its parsed content out (None when the file is missing).

    libyaml's loader (YAML_LOADER) reads tags.yaml, 120 KB, in about a
    sixth of the pure loader's CPU time, before any file of a run is
    converted; the same constructor and resolver make the values. A file it
    refuses, or holding a tab (which libyaml lets pass after a key where the
    pure loader refuses it), is read by the pure loader, whose message names
    the line as it always has.
    """
    if not path.is_file():
        return None
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if "\t" not in text:
        try:
            return yaml.load(text, Loader=YAML_LOADER)
        except yaml.YAMLError:
            pass
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)
