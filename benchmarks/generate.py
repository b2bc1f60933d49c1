#!/usr/bin/env python3
"""Generate realistic raw news articles for the benchmarks, deterministic from a seed.

    .venv/bin/python benchmarks/generate.py OUT_DIR [--count 1000] [--seed 1] [--start 0]

Writes about 80% text dumps (a page copied out of a browser, `.txt`) and
20% saved pages (`.html`). Each file comes from one of several made-up
outlets with its own consistent furniture: menus and section lists before
the article, share labels in its language, "N MIN READ", comment widgets
with readers' comments, related-article lists, newsletter prompts, footers,
tracking ids and URLs with utm_ parameters. Dates are spread over two years
in several formats; names come from the tag vocabulary (tags.yaml), so
tagging has real work to do. Sentences are composed from templates and word
lists, never copied from real pages.

Article N depends only on (seed, N), so `--start 5000 --count 1` adds one
more article to a set of 5,000 without changing the others.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import random
import string
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HTML_SHARE = 0.2                      # share of saved pages among the articles
START_DAY = dt.date(2023, 1, 1)       # dates spread over two years from here
DAYS = 730
CAST_SHARE = 0.9                      # how often a name comes from the article's cast


@dataclass(frozen=True)
class Outlet:
    """A made-up outlet: its name, language and the furniture of its pages."""

    name: str
    domain: str
    lang: str
    menu: tuple[str, ...]
    sections: tuple[str, ...]
    share: tuple[str, ...]
    read_time: str                    # format with {n}
    related: str
    comments: str
    reply: str
    newsletter: tuple[str, ...]
    footer: tuple[str, ...]
    date_style: str
    byline: str                       # format with {author}


OUTLETS = (
    Outlet("Tigris Wire", "tigriswire.example", "en",
           ("Home", "World", "Middle East", "Politics", "Business", "Security", "Opinion",
            "Video", "Podcasts", "Subscribe", "Sign In"),
           ("Iraq News", "Security", "Politics", "Region"),
           ("Share", "Tweet", "Email", "Print", "Copy link"),
           "{n} MIN READ", "Related stories", "Comments ({n})", "Reply",
           ("Get the Tigris Wire morning briefing", "Sign up for our newsletter",
            "Enter your email address", "Subscribe"),
           ("About Tigris Wire", "Contact us", "Advertise", "Privacy policy", "Terms of use",
            "© {year} Tigris Wire. All rights reserved."),
           "wire", "By {author}"),
    Outlet("The Levant Observer", "levantobserver.example", "en",
           ("Menu", "Search", "News", "Syria", "Lebanon", "Iraq", "Gulf", "Analysis",
            "Features", "Newsletters", "Log in", "Register"),
           ("Syria", "Analysis", "Conflict", "Diplomacy"),
           ("Share this article", "Facebook", "Twitter", "WhatsApp", "LinkedIn"),
           "{n} min read", "More from The Levant Observer", "{n} comments", "Reply",
           ("Don't miss a story", "Get our weekly Levant digest in your inbox", "Sign up"),
           ("The Levant Observer", "Who we are", "Careers", "Cookie settings",
            "Copyright {year} The Levant Observer Media Ltd"),
           "long", "{author} | The Levant Observer"),
    Outlet("Gulf Ledger Daily", "gulfledger.example", "en",
           ("Gulf Ledger Daily", "Latest", "Gulf", "Energy", "Markets", "Defence", "World",
            "Lifestyle", "E-paper", "Subscribe now"),
           ("Energy", "Defence", "Region", "World"),
           ("SHARE", "TWEET", "SHARE ON WHATSAPP", "EMAIL"),
           "Reading time: {n} minutes", "Trending now", "Join the conversation ({n})", "Reply",
           ("The Ledger Briefing", "Everything you need to know, every weekday morning",
            "Your email", "Sign me up"),
           ("Gulf Ledger Daily", "Contact", "Advertise with us", "RSS", "Sitemap",
            "All rights reserved © Gulf Ledger Daily {year}"),
           "numeric", "Written by {author}"),
    Outlet("Le Courrier du Levant", "courrierlevant.example", "fr",
           ("Accueil", "International", "Moyen-Orient", "Politique", "Économie", "Culture",
            "Abonnez-vous", "Se connecter"),
           ("International", "Moyen-Orient", "Défense"),
           ("Partager", "Partager sur Facebook", "Partager sur X", "Envoyer par e-mail"),
           "{n} min de lecture", "À lire aussi", "Commentaires ({n})", "Répondre",
           ("Recevez notre lettre d'information", "Inscrivez-vous gratuitement", "Votre adresse e-mail"),
           ("Le Courrier du Levant", "Mentions légales", "Nous contacter", "Gestion des cookies",
            "© Le Courrier du Levant {year}"),
           "iso", "Par {author}"),
    Outlet("Nahost Rundschau", "nahost-rundschau.example", "de",
           ("Startseite", "Politik", "Ausland", "Nahost", "Wirtschaft", "Meinung", "Abo",
            "Anmelden"),
           ("Ausland", "Nahost", "Politik"),
           ("Teilen", "Auf Facebook teilen", "Twittern", "Per E-Mail senden", "Link kopieren"),
           "Lesezeit: {n} Min.", "Mehr zum Thema", "Kommentare ({n})", "Antworten",
           ("Newsletter", "Die wichtigsten Nachrichten aus Nahost jeden Morgen", "E-Mail-Adresse",
            "Jetzt anmelden"),
           ("Impressum", "Datenschutz", "Kontakt", "AGB", "© {year} Nahost Rundschau GmbH"),
           "dotted", "Von {author}"),
    Outlet("Crónica de Oriente", "cronicaoriente.example", "es",
           ("Portada", "Internacional", "Oriente Medio", "Opinión", "Economía", "Suscríbete",
            "Iniciar sesión"),
           ("Internacional", "Oriente Medio", "Conflictos"),
           ("Compartir", "Compartir en Facebook", "Compartir en X", "Enviar por correo"),
           "{n} min de lectura", "Te puede interesar", "Comentarios ({n})", "Responder",
           ("Boletín diario", "Recibe las noticias de Oriente Medio en tu correo", "Tu correo electrónico"),
           ("Aviso legal", "Política de privacidad", "Contacto", "© {year} Crónica de Oriente"),
           "slash", "Por {author}"),
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FIRST_NAMES = ("Sarah", "Omar", "Lina", "Karim", "Hannah", "Yusuf", "Maya", "Daniel", "Nour",
               "Tariq", "Claire", "Samir", "Rana", "Jonas", "Leila", "Marco", "Aisha", "Peter")
LAST_NAMES = ("Haddad", "Kareem", "Schultz", "Mansour", "Fischer", "Saleh", "Dubois", "Nasser",
              "Ortega", "Hamdan", "Walsh", "Aziz", "Bauer", "Jaber", "Moreau", "Khalil")
ROLES = ("a spokesman for", "a senior commander in", "a local official with", "the head of",
         "a member of", "an adviser to", "a field commander of", "a negotiator for")
OFFICIALS = ("the provincial governor", "a security source", "the interior ministry",
             "a military spokesman", "local residents", "a tribal leader", "an aid worker",
             "a member of parliament", "witnesses", "the defence ministry")
ACTIONS = ("launched a new operation against", "reported heavy clashes with", "arrested members of",
           "announced a ceasefire with", "held talks with", "accused", "pushed back",
           "retook positions from", "warned", "called for an investigation into",
           "opened a corridor for civilians fleeing", "intercepted a convoy belonging to")
EVENTS = ("a roadside bomb", "an ambush", "a mortar attack", "a drone strike", "clashes",
          "a car bomb", "an airstrike", "a raid", "a protest", "a prison break")
OBJECTS = ("the main road", "the border crossing", "the river bank", "several villages",
           "an oil field", "the old market", "a checkpoint", "the airport road",
           "a camp for displaced people", "the power station", "the city's outskirts")
REASONS = ("after weeks of rising tension", "despite calls for calm", "amid a wider offensive",
           "following a string of attacks", "as negotiations stalled", "before the elections",
           "after the collapse of a local truce", "as aid deliveries resumed")
OPINIONS = ("We will not allow any return of the militants", "The situation is under control",
            "Our forces are ready to respond to any threat", "The people here are exhausted",
            "We need more support from the international community",
            "Nobody has told us when we can go home", "This operation will continue until the area is secure",
            "The road is still too dangerous for families")
TOPIC_WORDS = ("airstrikes", "protests", "refugees", "oil fields", "elections", "border security",
               "tribal fighters", "kidnappings", "terrorism")
LONG_FILLER = ("reconstruction", "electricity", "salaries", "water supply", "schools", "hospitals",
               "checkpoints", "curfew", "harvest", "fuel prices", "reservoirs", "militias")
COMMENT_LINES = ("This is what happens when nobody listens to the people on the ground.",
                 "Great reporting, thank you.", "Who is paying for all of this?",
                 "I was there last year and it was already bad.", "Same story every month.",
                 "Why is nobody talking about the water crisis?", "Praying for everyone there.",
                 "The article misses the point entirely.")


def load_names(tags_file: Path) -> dict[str, list[str]]:
    """tags.yaml in; written forms of its places, groups, people and topics by kind."""
    tags = (yaml.safe_load(tags_file.read_text(encoding="utf-8")) or {}).get("tags", {})
    names: dict[str, list[str]] = {"place": [], "organisation": [], "person": [], "topic": []}
    for name, entry in tags.items():
        entry = entry or {}
        forms = [name] + [a for a in entry.get("aliases", []) or [] if len(a) > 3]
        names.setdefault(entry.get("kind", "topic"), []).extend(forms)
    return {k: v or ["Baghdad"] for k, v in names.items()}


class Writer:
    """One article's random choices: the outlet, date, names and sentences."""

    def __init__(self, rng: random.Random, names: dict[str, list[str]], outlet: Outlet, index: int):
        self.rng = rng
        self.names = names
        self.outlet = outlet
        self.index = index
        self.when = dt.datetime.combine(START_DAY + dt.timedelta(days=rng.randrange(DAYS)),
                                        dt.time(rng.randrange(24), rng.randrange(60), rng.randrange(60)))
        # the article's cast: most names it mentions come from here
        self.cast = {kind: rng.sample(names[kind], k=min(2, len(names[kind])))
                     for kind in ("place", "organisation", "person", "topic")}
        self.place = self.cast["place"][0]
        self.topic_words = rng.sample(TOPIC_WORDS, k=2)
        self.author = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        self.section = rng.choice(outlet.sections)

    def pick(self, kind: str) -> str:
        """A name of one kind, most often the article's own, sometimes another."""
        if self.rng.random() < CAST_SHARE:
            return self.rng.choice(self.cast[kind])
        return self.rng.choice(self.names[kind])

    def topic(self) -> str:
        """A topic word, most often one of the article's two."""
        return self.rng.choice(self.topic_words)

    def weekday(self) -> str:
        return WEEKDAYS[self.when.weekday()]

    def sentence(self) -> str:
        """One sentence of article prose."""
        r = self.rng
        forms = (
            lambda: f"{self.pick('organisation')} {r.choice(ACTIONS)} {self.pick('organisation')} "
                    f"near {self.pick('place')} on {self.weekday()}, {r.choice(OFFICIALS)} said.",
            lambda: f"At least {r.randint(2, 40)} people were killed and {r.randint(3, 90)} wounded "
                    f"in {r.choice(EVENTS)} on {r.choice(OBJECTS)} in {self.pick('place')}.",
            lambda: f"{self.pick('person')} said the {self.topic()} around "
                    f"{self.pick('place')} would be discussed {r.choice(REASONS)}.",
            lambda: f"The move comes {r.choice(REASONS)}, according to {r.choice(OFFICIALS)} "
                    f"who spoke on condition of anonymity.",
            lambda: f"Residents of {self.pick('place')} complained about {r.choice(LONG_FILLER)}, "
                    f"{r.choice(LONG_FILLER)} and {r.choice(LONG_FILLER)} in the weeks since "
                    f"{self.pick('organisation')} took control of {r.choice(OBJECTS)}.",
            lambda: f"In {MONTHS[r.randrange(12)]} {self.when.year - r.randint(0, 3)}, "
                    f"{self.pick('organisation')} declared that it had {r.choice(ACTIONS).split(' ', 1)[0]} "
                    f"{r.choice(OBJECTS)}.",
            lambda: f"{r.choice(OFFICIALS).capitalize()} told {self.outlet.name} that "
                    f"{r.randint(100, 5000)} families had left {self.pick('place')}.",
            lambda: f"Talks between {self.pick('person')} and {self.pick('person')} are expected "
                    f"to resume next week in {self.pick('place')}.",
        )
        return r.choice(forms)()

    def quote(self) -> str:
        """A paragraph that quotes someone."""
        r = self.rng
        said = f"{self.pick('person')}, {r.choice(ROLES)} {self.pick('organisation')}"
        if r.random() < 0.5:
            return f"“{r.choice(OPINIONS)},” said {said}."
        return f"\"{r.choice(OPINIONS)}. {r.choice(OPINIONS)},\" {said} told reporters in {self.pick('place')}."

    def paragraphs(self) -> list[str]:
        """The article body: paragraphs of varied length, some quotes."""
        r = self.rng
        out = [self.lead()]
        for _ in range(r.randint(4, 14)):
            roll = r.random()
            if roll < 0.2:
                out.append(self.quote())
            elif roll < 0.27:
                out.append(r.choice(("Read more:", "ALSO READ:", "Background:")) + " " + self.headline())
            else:
                out.append(" ".join(self.sentence() for _ in range(r.choice((1, 2, 2, 3, 3, 4, 5)))))
        return out

    def lead(self) -> str:
        """The first paragraph, with a dateline in the outlet's style."""
        city = self.pick("place").upper()
        month = MONTHS[self.when.month - 1]
        if self.outlet.date_style == "wire":
            return f"{city}, {month} {self.when.day} ({self.outlet.name}) -- {self.sentence()}"
        return f"{city} — {self.sentence()} {self.sentence()}"

    def headline(self) -> str:
        """A short headline."""
        r = self.rng
        forms = (
            lambda: f"{self.pick('organisation')} {r.choice(('attacks', 'retakes', 'leaves', 'surrounds'))} "
                    f"{self.pick('place')}",
            lambda: f"{self.pick('person')} says {self.topic()} talks to resume",
            lambda: f"{r.randint(2, 40)} killed in {r.choice(EVENTS)} near {self.pick('place')}",
            lambda: f"{self.pick('place')} residents fear new {self.topic()}",
            lambda: f"What next for {self.pick('organisation')} in {self.pick('place')}?",
        )
        return r.choice(forms)()

    def date_text(self) -> str:
        """The publication date in the outlet's format."""
        w, month = self.when, MONTHS[self.when.month - 1]
        style = self.outlet.date_style
        if style == "wire":
            return f"Source: {self.outlet.name}| {w:%Y-%m-%d %H:%M:%S}|Editor: {self.rng.choice(LAST_NAMES).lower()}"
        if style == "long":
            return f"Published {self.weekday()} {w.day} {month} {w.year}, {w:%H:%M} GMT"
        if style == "numeric":
            return f"Updated {w:%I:%M %p}, {self.weekday()}, {month} {w.day}, {w.year}"
        if style == "iso":
            return f"Publié le {w:%Y-%m-%d} à {w:%Hh%M}"
        if style == "dotted":
            return f"{w:%d.%m.%Y}, {w:%H:%M} Uhr"
        return f"{w:%d/%m/%Y} {w:%H:%M}"

    def url(self, slug: str) -> str:
        """The article's address, with tracking parameters."""
        r = self.rng
        return (f"https://www.{self.outlet.domain}/{self.section.lower().replace(' ', '-')}/"
                f"{self.when:%Y/%m}/{slug}-{r.randrange(10**7, 10**8)}"
                f"?utm_source={r.choice(('twitter', 'facebook', 'newsletter'))}"
                f"&utm_medium=social&utm_campaign={r.choice(('morning', 'breaking', 'share'))}"
                f"{self.when:%Y%m%d}")

    def tracking_id(self) -> str:
        """A long id line of the kind page scripts leave in copied text."""
        r = self.rng
        if r.random() < 0.5:
            return "".join(r.choice("0123456789") for _ in range(r.randint(28, 40)))
        return "".join(r.choice(string.hexdigits.lower()) for _ in range(r.randint(32, 64)))

    def caption(self) -> str:
        """A photo caption with its credit."""
        r = self.rng
        return (f"{self.pick('person')} speaks during a news conference in {self.pick('place')}, "
                f"{MONTHS[self.when.month - 1]} {self.when.day}, {self.when.year}. "
                f"Photo: {r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}/{self.outlet.name}")

    def comments(self) -> list[tuple[str, str, str]]:
        """Readers' comments: (name, age, text)."""
        r = self.rng
        return [(f"{r.choice(FIRST_NAMES).lower()}{r.randint(1, 999)}",
                 f"{r.randint(1, 23)} hours ago",
                 " ".join(r.sample(COMMENT_LINES, r.randint(1, 3))))
                for _ in range(r.choice((0, 0, 1, 2, 3, 5)))]


def slugify(text: str) -> str:
    """Headline in; a lowercase hyphenated address part."""
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:60]


def render_text(w: Writer) -> str:
    """One article as text copied out of a browser: furniture, article, furniture."""
    r, o = w.rng, w.outlet
    title = w.headline()
    lines: list[str] = []
    lines += o.menu
    lines += [w.headline() for _ in range(r.randint(2, 6))]       # teasers in the menu
    lines.append(w.section)
    lines.append(title)
    if r.random() < 0.5:
        lines.append(w.url(slugify(title)))
    if r.random() < 0.6:
        lines.append(w.caption())
    lines.append(o.byline.format(author=w.author))
    lines.append(w.date_text())
    lines.append(o.read_time.format(n=r.randint(2, 9)))
    lines += r.sample(o.share, k=min(len(o.share), r.randint(2, 4)))
    body = w.paragraphs()
    if r.random() < 0.4:                                             # a caption mid-article
        body.insert(r.randint(1, len(body)), w.caption())
    lines += body
    lines += r.sample(o.share, k=min(len(o.share), 2))
    if r.random() < 0.3:
        lines.append(w.tracking_id())
    lines += o.newsletter
    lines.append(o.related)
    lines += [w.headline() for _ in range(r.randint(3, 8))]
    comments = w.comments()
    lines.append(o.comments.format(n=len(comments)))
    for name, age, text in comments:
        lines += [name, age, text, o.reply]
    lines += [f.format(year=w.when.year) for f in o.footer]
    if r.random() < 0.5:
        lines.append(w.tracking_id())
    sep = "\n\n" if r.random() < 0.5 else "\n"                       # browsers differ
    return sep.join(lines) + "\n"


def render_html(w: Writer) -> str:
    """One article as a saved HTML page of its outlet."""
    r, o = w.rng, w.outlet
    esc = html.escape
    title = w.headline()
    url = w.url(slugify(title))
    paras = w.paragraphs()
    nav = "".join(f'<li class="nav-item"><a href="https://www.{o.domain}/{slugify(m)}/?utm_source=nav">'
                  f"{esc(m)}</a></li>" for m in o.menu)
    share = "".join(f'<a class="share-btn" href="#share-{i}" aria-label="{esc(s)}">{esc(s)}</a>'
                    for i, s in enumerate(o.share))
    body = []
    for i, p in enumerate(paras):
        body.append(f"<p>{esc(p)}</p>")
        if i == 2 and r.random() < 0.6:
            body.append(f'<figure class="inline-image"><img src="https://cdn.{o.domain}/img/'
                        f'{w.tracking_id()}.jpg" alt=""><figcaption>{esc(w.caption())}</figcaption></figure>')
        if i == 4 and r.random() < 0.5:
            body.append(f'<div class="ad-slot" id="ad-{w.tracking_id()}">Advertisement</div>')
    related = "".join(f'<li><a href="{esc(w.url(slugify(h)))}">{esc(h)}</a></li>'
                      for h in (w.headline() for _ in range(r.randint(3, 8))))
    comments = "".join(f'<div class="comment"><span class="comment-author">{esc(n)}</span>'
                       f'<time>{esc(a)}</time><p>{esc(t)}</p><a class="reply">{esc(o.reply)}</a></div>'
                       for n, a, t in w.comments())
    footer = "".join(f"<li>{esc(f.format(year=w.when.year))}</li>" for f in o.footer)
    script = "var dataLayer=[{" + ",".join(
        f'"k{i}":"{w.tracking_id()}"' for i in range(r.randint(10, 40))) + "}];"
    iso = w.when.isoformat() + "Z"
    meta = ""
    if r.random() < 0.7:
        meta += (f'<meta property="og:title" content="{esc(title)}">'
                 f'<meta property="og:url" content="{esc(url)}">'
                 f'<meta property="article:published_time" content="{iso}">')
    return f"""<!DOCTYPE html>
<html lang="{o.lang}"><head><meta charset="utf-8">
<title>{esc(title)} | {esc(o.name)}</title>
{meta}<link rel="canonical" href="{esc(url)}">
<script>{script}</script>
<style>.nav-item{{display:inline-block}} .share-btn{{margin:0 4px}}</style>
</head><body class="article-page">
<header class="site-header"><a class="logo" href="/">{esc(o.name)}</a>
<nav class="main-nav"><ul>{nav}</ul></nav></header>
<div class="newsletter-banner">{esc(o.newsletter[0])} <a href="/newsletter">{esc(o.newsletter[-1])}</a></div>
<main><article class="story">
<div class="section-label"><a href="/{slugify(w.section)}/">{esc(w.section)}</a></div>
<h1 class="headline">{esc(title)}</h1>
<div class="byline"><span class="author">{esc(o.byline.format(author=w.author))}</span>
<time datetime="{iso}">{esc(w.date_text())}</time>
<span class="read-time">{esc(o.read_time.format(n=r.randint(2, 9)))}</span></div>
<div class="share-bar">{share}</div>
<div class="story-body">
{chr(10).join(body)}
</div>
<div class="share-bar bottom">{share}</div>
</article>
<aside class="related"><h2>{esc(o.related)}</h2><ul>{related}</ul></aside>
<section class="comments" id="comments"><h2>{esc(o.comments.format(n=comments.count('class="comment"')))}</h2>
{comments}</section>
</main>
<footer class="site-footer"><ul>{footer}</ul></footer>
<script>window.__TRACK__="{w.tracking_id()}";</script>
</body></html>
"""


def article_name(index: int, kind: str, rng: random.Random) -> str:
    """Article number and kind in; a file name like the seeds' (NNNNN_hex.txt)."""
    return f"{index:05d}_{rng.getrandbits(64):016x}.{'html' if kind == 'html' else 'txt'}"


def generate_one(index: int, seed: int, names: dict[str, list[str]]) -> tuple[str, str]:
    """Article number and seed in; (file name, content) out, the same every time."""
    rng = random.Random(f"{seed}:{index}")
    outlet = OUTLETS[rng.randrange(len(OUTLETS))]
    kind = "html" if rng.random() < HTML_SHARE else "text"
    name = article_name(index, kind, rng)
    writer = Writer(rng, names, outlet, index)
    return name, render_html(writer) if kind == "html" else render_text(writer)


def generate(out: Path, count: int, seed: int = 1, start: int = 0,
             tags_file: Path = ROOT / "tags.yaml") -> list[Path]:
    """Folder, how many and seed in; the raw files written there, their paths out."""
    out.mkdir(parents=True, exist_ok=True)
    names = load_names(tags_file)
    paths = []
    for index in range(start, start + count):
        name, content = generate_one(index, seed, names)
        path = out / name
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="folder to write the raw articles into")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0, help="number of the first article")
    a = ap.parse_args()
    paths = generate(a.out, a.count, a.seed, a.start)
    size = sum(p.stat().st_size for p in paths)
    html_count = sum(p.suffix == ".html" for p in paths)
    print(f"{len(paths)} articles ({len(paths) - html_count} text, {html_count} HTML), "
          f"{size / 1e6:.1f} MB in {a.out}")


if __name__ == "__main__":
    main()
