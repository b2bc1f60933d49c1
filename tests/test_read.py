"""Stage 1: listing seeds, decoding bytes, sniffing kinds, sidecars."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from digest_prep.model import ConversionError
from digest_prep.read import decode_bytes, list_seeds, read_seed, split_raw_front_matter

ARABIC = "قال المتحدث إن القوات العراقية تقدمت نحو الحدود السورية"
FRENCH = "Les forces irakiennes ont lancé une opération à l'été, déjà célèbre."


@pytest.mark.parametrize("data,expected", [
    (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), FRENCH),
    (codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le"), FRENCH),
    (codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"), FRENCH),
    (FRENCH.encode("utf-16-le"), FRENCH),                 # no byte-order mark
    (FRENCH.encode("utf-16-be"), FRENCH),
    (("Line one\r\nLine two\r\n" + FRENCH).encode("utf-8"), "Line one\nLine two\n" + FRENCH),
])
def test_unicode_encodings_are_decoded(data, expected):
    assert decode_bytes(data)[0] == expected


def test_windows_1252_without_declaration():
    text = ("The minister\u2019s office said on Monday \u2013 \u201cquietly\u201d \u2013 that "
            "talks had resumed in the caf\u00e9 district. " * 3)
    assert decode_bytes(text.encode("cp1252"))[0] == text


def test_windows_1256_without_declaration():
    text = (ARABIC + ". ") * 6
    decoded, encoding = decode_bytes(text.encode("cp1256"))
    assert decoded == text, encoding


def test_declared_charset_wins_for_html():
    page = '<html><head><meta charset="windows-1256"></head><body><p>' + ARABIC + "</p></body></html>"
    assert ARABIC in decode_bytes(page.encode("cp1256"))[0]


@pytest.mark.parametrize("data,reason", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
    (b"PK\x03\x04" + b"\x00" * 30, "ZIP archive"),
    (b"abc\x00\x01\x02\x00\xff\xfe" * 50, "NUL bytes"),
])
def test_binary_files_are_refused_with_a_reason(data, reason):
    with pytest.raises(ConversionError, match=reason):
        decode_bytes(data, "seeds/x.txt")


@pytest.mark.parametrize("content", [b"", b"   \n\t \r\n  "])
def test_empty_files_are_refused(tmp_path, content):
    path = tmp_path / "seeds" / "empty.txt"
    path.parent.mkdir()
    path.write_bytes(content)
    with pytest.raises(ConversionError, match=r"seeds/empty.txt: skipped: the file is empty"):
        read_seed(path, tmp_path)


def test_unknown_suffix_is_refused(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_bytes(b"x")
    with pytest.raises(ConversionError, match="expected .txt, .html or .htm"):
        read_seed(path, tmp_path)


def test_html_saved_as_txt_is_read_as_html(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("<!DOCTYPE html><html><body><p>Hello</p></body></html>")
    assert read_seed(path, tmp_path).kind == "html"


def test_raw_front_matter_becomes_overrides_and_keeps_line_numbers():
    text, overrides = split_raw_front_matter(
        "---\ntitle: Right title\ndate: 2020-02-10\n---\nHeadline\nBody line.\n")
    assert overrides == {"title": "Right title", "date": "2020-02-10"}
    assert text.splitlines()[4:] == ["Headline", "Body line."]


@pytest.mark.parametrize("text", [
    "---\nA story that opens with a rule\n---\nBody.\n",     # not a mapping
    "---\nfoo: bar\n---\nBody.\n",                            # not an override field
    "---\n: [unclosed\n---\nBody.\n",                         # not YAML
])
def test_dashes_that_are_not_front_matter_stay_text(text):
    assert split_raw_front_matter(text) == (text, {})


def test_sidecar_values_win_over_raw_front_matter(tmp_path):
    raw = tmp_path / "a.txt"
    raw.write_text("---\ntitle: From the raw file\nsource: AFP\n---\nBody text here.\n")
    (tmp_path / "a.yaml").write_text("title: From the sidecar\ntags: [Iraq]\n")
    seed = read_seed(raw, tmp_path)
    assert seed.overrides == {"title": "From the sidecar", "source": "AFP", "tags": ["Iraq"]}


def test_bad_sidecar_names_the_problem(tmp_path):
    raw = tmp_path / "a.txt"
    raw.write_text("Body text here.\n")
    (tmp_path / "a.yaml").write_text("titel: typo\n")
    with pytest.raises(ConversionError, match="unknown field.*titel"):
        read_seed(raw, tmp_path)


def test_listing_skips_hidden_files_and_sidecars_and_refuses_outside_links(tmp_path):
    seeds = tmp_path / "project" / "seeds"
    seeds.mkdir(parents=True)
    for name in ("b.txt", "a b.html", ".hidden.txt", "a b.yaml", "ünïcode.txt"):
        (seeds / name).write_text("x")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    (seeds / "link.txt").symlink_to(outside)
    found = list(list_seeds(seeds, tmp_path / "project"))
    names = [item.name for item in found if isinstance(item, Path)]
    errors = [str(item) for item in found if isinstance(item, ConversionError)]
    assert names == ["a b.html", "b.txt", "ünïcode.txt"]
    assert len(errors) == 1 and "seeds/link.txt" in errors[0] and "outside the project" in errors[0]
