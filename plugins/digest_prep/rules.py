"""Boilerplate rule tables: data only.

Each rule has a stable name (used in logs, the review report and tests), a
pattern, the reason it is boilerplate, and a real example it must remove.
clean_text.py and clean_html.py compile these tables once and hold no
pattern literals of their own.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    name: str     # stable id for logs and tests
    pattern: str  # regex (text) or CSS selector (html)
    reason: str   # why this is boilerplate, one sentence
    example: str  # a real snippet it must remove


# --- Text rules: one raw line each -----------------------------------------
#
# clean_text.py matches every pattern with re.match against one stripped,
# lower-cased line: a pattern describes the line from its start (end it
# with `$` to demand the whole line) and is written in lower case.
# Lower-cased input and plain literals keep the table fast: the cleaner
# tries a rule only on lines whose first characters can still open a match
# of it (rule_match.py), so leading punctuation is spelt out as a class
# such as [\[(«»*•·|>#-]* rather than \W*, which would let every line in.
# test_rules_text.py checks the first rule matched on every line of the
# test corpus against a plain loop over the table.
# TEXT_RULES lines are page furniture (role "boilerplate"). Rules named
# "comments-..." open the readers' comments and "footer-copyright" ends the
# page: the article region does not run across them. "related-header" and
# "related-popular" open a list of other stories' headlines.

TEXT_RULES: tuple[Rule, ...] = (
    # navigation
    Rule("nav-skip",
         r"^(?:skip to (?:main )?(?:content|navigation|site index)\s*|back to (?:top|reading)\W*|go to home ?page\W*)+$",
         "Skip links and back-to-top anchors flatten to bare lines.",
         "Skip to content Skip to site index"),
    Rule("nav-account",
         r"^(?:(?:(?:log|sign) ?(?:in|out|up)|subscribe(?: now| today)?|register(?: for free)?|my account|manage (?:my )?(?:account|subscription)|account settings|edit profile|you are signed in as)\s*[|/•·]?\s*)+$",
         "Account and subscription buttons are the same on every page.",
         "Subscribe Sign In"),
    Rule("nav-search",
         r"^(?:type to )?search(?: form| in posts| in pages| for| \S+)?(?: search)?\s*[→»:]?$",
         "Search boxes leave their label and button text behind.",
         "Search in posts"),
    Rule("nav-breadcrumb",
         r"^home\s*(?:[>»›/|]\s*[^>»›/|]{1,40}){1,5}$",
         "A breadcrumb trail repeats the site's sections above the headline.",
         "Home > News > World"),
    Rule("nav-menu",
         r"^(?:menu|main menu|sections?|home|homepage|more|close|cancel|next|previous|all\s*>|navigation|toggle navigation|open menu|site index|site map|sitemap|print|text size|font size|you are (?:at|here))\s*:?$",
         "Single-word menu and widget labels carry no article text.",
         "Sections"),
    Rule("nav-breaking",
         r"^(?:breaking(?: news)?|just in|developing|live|trending)\s*:?$",
         "Ticker labels sit above a headline that belongs to another story.",
         "BREAKING"),
    # share and follow widgets
    Rule("share-label",
         r"^(?:share|tweet|pin it|link copied!?|copy(?: link)?(?: url)?(?: url copied!?)?|click to copy|get short url|sharing is caring!?|show more sharing options|share close extra sharing options|[\d.,]+k?\s+shares?|share (?:this|the|on|via|selection|article|story|all|your)\b.{0,120})\s*:?$",
         "Share widgets flatten to a bare label in text exports.",
         "Share this article"),
    Rule("share-label-multilingual",
         r"^[\[(«»*•·|>#-]*\s*(?:مشاركة|شارك|شارك المقال|partager|compartir|compartilhe|compartilhar|condividi|teilen|delen|udostępnij|поделиться|paylaş|分享(?:到)?|シェア(?:する)?|ツイート|공유(?:하기)?|bagikan)\s*[:：]?$",
         "Share labels in other languages (Arabic, French, Spanish, German, Russian, Chinese \"分享到\" share to, Japanese \"ツイート\" tweet ...).",
         "مشاركة :"),
    Rule("share-networks",
         r"^(?:(?:facebook|twitter|x|instagram|linkedin|whatsapp|reddit|pinterest|flipboard|tumblr|telegram|messenger|youtube|pocket|mix|e-?mail|print|google\+|stumbleupon|blogger|rss(?: feeds?)?|snapchat|tiktok|vk|weibo|wechat|line|viber|digg|sms|copy link|微博|微信|qq空间|qq|はてなブックマーク)\s*[,|/·•]?\s*){1,12}$",
         "Social network names are share or follow buttons (Weibo, WeChat, Qzone and Hatena in their own scripts).",
         "Facebook Twitter LinkedIn"),
    Rule("share-save",
         r"^(?:print|email|e-mail|save|bookmark|share) (?:this )?(?:article|story|page|post)|^(?:save(?: for later)?|bookmark|saved|unsave)$",
         "Print, email and save buttons act on the page, they are not part of it.",
         "Print this article"),
    Rule("share-follow",
         r"^(?:follow (?:us|me)\b.{0,40}|follow \S+ on \S+|follow .{1,60} on (?:facebook|twitter|instagram|linkedin|youtube)\b.{0,60}|find us on \S+|like us on facebook|connect with us)\W*$",
         "Follow prompts point at the outlet's social accounts, not the story.",
         "Follow VentureBeat on Twitter"),
    Rule("share-prompt",
         r"^(?=.*share (?:it|this|the story) with)(?:.{0,60}[.!?] {1,2})?share (?:it|this|the story) with (?:a friend|your friends|friends)\b.{0,20}$",
         "Prompts to pass the page on belong to the share widget.",
         "Like this story? Share it with a friend!"),
    Rule("share-counter",
         r"^this (?:story|article|post) has been shared [\d,.]+ times\b.*$",
         "Share counters are widget state.",
         "This story has been shared 44,976 times. 44,976"),
    Rule("share-feedback",
         r"^(?=.*your (?:feedback|thoughts))(?:.{0,60}[.!?] {1,2})?(?:share|send|give) (?:us )?your (?:feedback|thoughts)\b.{0,20}$",
         "Feedback prompts belong to the site, not the article.",
         "Sneak a peek at TRT Global. Share your feedback!"),
    # readers' comments
    Rule("comments-header",
         r"^[\[(«»*•·|>#-]*\s*(?:\d+\s+)?(?:comments?|comment\(s\)|responses?|replies|reactions|discussion)(?:\s*\(\d+\))?\s*\W*$",
         "A comment counter or header opens the readers' comments.",
         "0 Comment(s)"),
    Rule("comments-count-title",
         r"^(?:\d+|one)\s+(?:comments?|responses?|repl(?:y|ies)|thoughts?)\s+(?:to|on)\s+(?:[“\"«‘'].{1,200}|[^.!?]{1,120})$",
         "Blog themes open the readers' comments with their count and the post's title (\"12 thoughts on ...\").",
         "40 Responses to “CHURUMURI POLL: Has India lost moral compass?”"),
    Rule("comments-prompt",
         r"^(?:(?:leave|post|add|write|submit) (?:a|your) (?:reply|comment|response)\b.{0,40}|(?:join|view|show|read|see|hide) (?:the |all )?(?:conversation|discussion(?: thread)?|comments?)\b.{0,20}|no comments(?: yet)?|top rated comments|comments? (?:are|is) closed\b.*|blog comments powered by \S+|loading comments\.*|comment via \S+(?: comment via \S+)?)\W*$",
         "Comment prompts open the readers' comments below the article.",
         "Leave a Reply"),
    Rule("comments-multilingual",
         r"^(?:\d+\s+)?(?:nessun commento|lascia un commento.*|commenti|deixe (?:uma resposta|seu comentário).*|coment[áa]rios?|comente!?|kommentare?|commentaires?|laisser un commentaire|deja un comentario.*|tinggalkan (?:balasan|komentar)|komentar|تعليقات|أضف تعليق|댓글|(?:网友|读者)?评论|发表评论|(?:この記事への)?コメント(?:を書く)?)\s*\W*$",
         "Comment headers in other languages (Italian, Portuguese, Spanish, German, French, Indonesian, Arabic, Korean, Chinese, Japanese).",
         "Lascia un commento Annulla risposta"),
    Rule("comments-controls",
         r"^(?:reply|report(?: abuse| comment)?|flag(?: as inappropriate)?|load more comments|show (?:more )?(?:comments|replies)|view \d+ (?:more )?repl(?:y|ies)|\d+ repl(?:y|ies)|sort by:? ?(?:newest|oldest|best|top|popular)?|newest first|oldest first)\W*$",
         "Reply, report and sort controls only appear in a comment thread.",
         "Reply"),
    Rule("comments-form",
         r"^(?:your email address will not be published.*|required fields are marked.*|(?:name|e-?mail|website|comment)\s*(?:\(required\)|\*)|comment policy.*|denotes required field.*|save my name, email.*|you must be (?:logged|signed) in to post a comment.*|\d*\s*post comment.*|submit(?: comment)?|devi essere connesso.*|o seu endereço de e-mail não será publicado.*)$",
         "Comment forms leave their field labels and policy lines behind.",
         "Your email address will not be published. Required fields are marked *"),
    Rule("comments-guidelines",
         r"^(?=.{0,400}$)(?=.*com(?:ment|entário)|.*kom(?:m?entar))(?=.*(?:please|respe[ck]t|respeit|civil|guideline|moderat|moderad|abide|offensive|por favor|bitte|per favore|mohon)).*$",
         "A line about comments that asks readers to behave is the comment policy (English, Portuguese, Italian, German, Indonesian).",
         "Please keep comments civil and on topic; offensive comments will be removed by the moderators."),
    Rule("reaction-prompt",
         r"^(?:do you like this (?:article|story|post)\??|was this (?:article|story|page|post) (?:helpful|useful)\??|did you (?:like|enjoy) (?:this|the) (?:article|story)\??|like this:?|like loading\.*|rate this(?: article)?:?|tell us what you think\W*|what do you think\?)$",
         "Reaction widgets ask the reader to rate the page.",
         "Do you like this article?"),
    # reading aids
    Rule("read-time",
         r"^(?:\d+\s*(?:min(?:ute)?s?\.?)\s*read|(?:reading time|read time|tempo de leitura|temps de lecture|lesezeit|tiempo de lectura)\s*:?.{0,20}|\d+\s*min(?:ute)?s? de (?:lectura|leitura)|[\d.,]+\s+(?:letture|reads|views|visualizações)|letture|views)$",
         "Reading-time and view counters are widget state.",
         "4 MIN READ"),
    Rule("page-relative-time",
         r"^(?:\d+\s*(?:s|m|h|d|w|secs?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago|just now|yesterday)$",
         "A relative time stamp alone is a teaser's age in a list of other stories.",
         "32M ago"),
    Rule("continue-reading",
         r"^(?:(?:advertisement\s*[-–—:]\s*)?continue reading(?: the main story| below)?|(?:to )?read the full (?:story|article)|(?:story|article) continues below(?: advertisement)?|click here to read more|read more)\W*$",
         "Continue-reading links split the article around ads and paywalls.",
         "Continue reading the main story"),
    # media players and galleries
    Rule("media-player",
         r"^(?:video ?player(?:close)?|play video|watch video|now playing|video|photos?|this (?:video|slideshow|content) requires javascript\.?|your browser does not support\b.*|media playback is (?:unsupported|not supported)\b.*|listen to (?:this|the) (?:article|story)\b.{0,30}|(?:please )?enable javascript\b.*|loading\.*)$",
         "Media players leave their controls behind as text.",
         "Video PlayerClose"),
    Rule("media-gallery",
         r"^(?:image|photo|slide|picture) \d+ (?:of|/) ?/? ?\d+|^\d+ ?/ ?\d+$|^(?:enlarge (?:this )?image|view (?:image|gallery|photos?)|back to gallery|caption|photo gallery|gallery|expand|fullscreen|zoom)$",
         "Gallery controls and counters are not captions or text.",
         "Image 1 of 23"),
    # newsletters, apps, consent
    Rule("newsletter-prompt",
         r"^(?:(?:sign up|subscribe|register|join|get|receive)\b.{0,80}\bnewsletters?\b.{0,120}|(?=.*newsletter).{0,60}\bnewsletters?(?: (?:and|&) alerts)?(?: sign ?up)?|e-?mail newsletters?|see all newsletters|(?:click here to )?subscribe to .{0,60}|thanks? (?:you )?for (?:signing up|subscribing)\W{0,3}.{0,60}|keep an eye on your inbox.{0,120}|enter your e-?mail(?: address)?\W{0,3}|please check the opt-in box.{0,120}|i agree that .{0,60} can send me\b.{0,120}|want more \w{1,30}\? join .{0,60}newsletter\.?)$",
         "Newsletter sign-up boxes sit beside or under the article.",
         "Get our daily Entertainment newsletter"),
    Rule("app-prompt",
         r"^(?:(?:download|get|install) (?:our|the) .{0,30}\bapps?\b.*|(?:mobile )?apps?|app store|google play|iphone app|ipad app|android (?:phone|tablet|app))$",
         "App prompts advertise the outlet's apps.",
         "Download our app"),
    Rule("cookie-consent",
         r"^(?=.*cookie)(?:.*\b(?:we|this (?:site|website)) uses? cookies\b.*|.*\bcookies?\b.*\b(?:accept|consent|agree|continu\w*)\b.*|cookie (?:policy|settings|preferences)|(?:utilizziamo i|nous utilisons des|utilizamos|wir verwenden|usamos) cookies?\b.*)$",
         "Cookie banners are consent prompts.",
         "We use cookies to make sure you get the best experience on our site. If you continue to use this site we will assume that you accept."),
    # related-article blocks (they open a list of links)
    Rule("cookie-buttons",
         r"^(?:(?:accept|reject|allow|deny|refuse)(?: all)?(?: cookies)?|(?:manage|customi[sz]e) (?:preferences|settings|cookies|consent)|cookie settings|i agree|i accept|got it!?|ok, i understand)$",
         "Consent banner buttons are left behind as bare labels.",
         "Accept all cookies"),
    Rule("related-header",
         r"^[\[(«»*•·|>#-]*\s*(?:related(?: (?:articles?|stories|posts|content|coverage|news|links|topics|reading|roundup|videos?))?|read (?:next|also)|more (?:stories|news|articles|videos|to read)|more (?:from|in|on) .{1,40}|more on this (?:story|topic)|see (?:also|all|more)|up next|next up(?: in .{1,30})?|what to read next|don'?t miss|also (?:read|see)|in case you missed it|you (?:may|might) (?:also )?(?:like|enjoy)(?: these(?: posts)?)?|recommended(?: for you| stories| articles| reading)?|explore(?: \S+){0,2})\W*:?$",
         "A related-articles header opens a list of other stories' headlines.",
         "You may like these posts"),
    Rule("related-popular",
         r"^[\[(«»*•·|>#-]*\s*(?:most (?:popular|read|viewed|shared|emailed|commented|recent)(?: \S+){0,3}|top (?:stories|news|articles|videos)|editor[’'`s]*s? (?:choice|picks)|trending(?: now| news| stories| topics)?(?: on \S+)?|popular (?:posts|stories|now|articles|videos)|latest (?:news|stories|posts|videos|articles)|must read\b.{0,30}|story timeline|(?:artigos|posts|notícias) relacionad[oa]s|relacionad[oa]s|leia (?:também|mais)|veja também|saiba mais|lee también|(?:también )?te puede interesar|lire aussi|à lire aussi|vous aimerez aussi|mehr zum thema|lesen sie auch|das könnte sie auch interessieren|articoli correlati|leggi anche|potrebbe interessarti|baca juga|artikel terkait|berita terkait|مقالات ذات صلة|اقرأ أيضا|相关新闻|相关阅读|相关文章|延伸阅读|関連記事|関連ニュース|あわせて読みたい)\W*:?$",
         "Most-read and top-stories boxes list other stories' headlines.",
         "TOP STORIES"),
    Rule("related-web",
         r"^(?:(?:more )?from (?:around )?the web|around the web|(?:promoted|sponsored|recommended) by \S+|(?:powered )?by (?:taboola|outbrain|revcontent|zergnet)|(?:taboola|outbrain) (?:feed|widget))\W*$",
         "Content-recommendation widgets list other sites' promoted stories.",
         "From Around the Web"),
    Rule("related-inline",
         r"^[\[(]?(?:(?:read (?:more|also|next)|see also|also read|related(?: post| article| story| video)?|recommended|watch|listen|more)\s*[:|»›>]\s*\S.*|also on \S+\.\w+\s+\S.*)$",
         "An inline read-more link names another story.",
         "Read more: Alibaba poised to launch record-breaking $13.4bn Hong Kong listing"),
    # advertising
    Rule("ad-label",
         r"^[\[(«»*•·|>#-]*\s*(?:advertisement|advertising|advert|ads?|sponsored(?: (?:content|links?|posts?|stories))?|promoted(?: (?:content|stories))?|paid (?:content|post)|partner content|supported by|ad feedback|skip ad|anzeige|werbung|publicidad|publicidade|pubblicità|publicité|iklan|reklama|إعلان|広告|광고)\W*$",
         "Ad slots leave their label behind.",
         "ADVERTISEMENT"),
    Rule("footer-links-multilingual",
         r"^(?:datenschutz(?:erklärung)?|impressum|kontakt|mentions légales|politique de confidentialité|nous contacter|aviso legal|política de (?:privacidad|privacidade|cookies)|contacto|contato|quem somos|chi siamo|contatti|tentang kami|kebijakan privasi)\s*\W*$",
         "Legal and contact links in other languages (German, French, Spanish, Portuguese, Italian, Indonesian).",
         "Impressum"),
    Rule("ad-choices",
         r"^(?:your ad choices|adchoices|advertise(?: with us)?|media kit)$",
         "Ad-choice and advertise links sit in the page footer.",
         "Your Ad Choices"),
    # footer and page chrome
    Rule("footer-copyright",
         r"^(?:©|ⓒ|\(c\)|copyright\s*(?:©|ⓒ|\(c\)|\d{4})|\d{4}\s*(?:©|ⓒ)|all rights reserved|저작권자).*$",
         "Copyright lines are the site footer.",
         "© 2019 The New York Times Company"),
    Rule("footer-links",
         r"^(?:privacy(?: policy| notice| statement)?|terms(?: (?:of (?:use|service|sale)|(?:&|and) conditions))?|cookie policy|copyright policy|data policy|contact(?: us)?|about(?: us)?|careers|jobs|help|faq|disclaimer|accessibility|corrections|reprints(?: (?:&|and) permissions)?|work with us|our team|masthead|imprint|subscriber agreement.*|user agreement|community (?:standards|guidelines)|do not sell my (?:personal )?info(?:rmation)?|customer (?:service|center))\s*\W*$",
         "Legal and contact links are the site footer.",
         "Contact us"),
    Rule("page-tags",
         r"^(?:tags?|topics?|filed under|categories|category|keywords|related tags|tagged(?: with)?|etiquetas|schlagworte|tag)\b\s*(?::\s*|\s)[^.!?]*$|^(?:tags?|topics?|related tags|categories)\s*:?$",
         "Tag and topic lists index the article, they are not part of it.",
         "Filed under china, illnesses, plague"),
    Rule("page-post-navigation",
         r"^(?:post navigation|(?:previous|next) (?:post|article|story|page)\b.*|«\s*(?:previous|older)\b.*|(?:newer|next)\s*»|page \d+(?: of \d+)?|continue to page \d+)$",
         "Previous/next links point at other posts.",
         "Previous Post: Free scooter and motorcycle training"),
    Rule("page-author-links",
         r"^(?:view author archive|email the author|get author rss feed|more (?:articles|stories) by\b.*|author profile|see full bio|about the author)$",
         "Author-box links lead to other pages about the author.",
         "View author archive"),
    Rule("page-contact-prompt",
         r"^(?:(?:have|got) a (?:news )?tip\?.{0,160}|(?=.*be reached at).{0,160})$",
         "Tip lines and reach-the-reporter notes sit under the article, outside it.",
         "Have a tip? The newsroom may be reached at tips@example.com."),
    Rule("page-paywall",
         r"^(?:already (?:a subscriber|have an account)\??.{0,60}|subscribe (?:now |today )?to (?:continue|keep) reading\b.*|this (?:article|story|content) is (?:only )?(?:for|available to) (?:subscribers|members)\b.*|(?:start|get) your free trial\b.*|you have \d+ free (?:articles?|stories) (?:left|remaining)\b.*|become a (?:member|subscriber)\b.{0,60})$",
         "Paywall and registration prompts interrupt the article, they are not part of it.",
         "Already a subscriber? Log in"),
    Rule("page-form-fields",
         r"^(?:first name|last name|full name|your name|your e-?mail|e-?mail address|zip ?code|postcode|postal code|password|username)\s*\*?:?$",
         "Form field labels belong to sign-up and comment forms.",
         "Email address"),
    Rule("page-form-status",
         r"^(?:thanks for contacting us\b.{0,120}|there was an error\b.{0,120}|(?=.*please try again).{0,120}|post was not sent\b.{0,120}|sorry, your blog cannot share posts by email\.?|send to email address\b.{0,120})$",
         "Form status messages are widget state.",
         "There was an error processing your subscription."),
    # tracking and counters
    Rule("digits-only",
         r"^[\d\s.,:;/|+%#-]+$",
         "A line of digits alone is a counter, rank or tracking id.",
         "010020070750000000000000011100001378659991"),
)

# Metadata lines: not body, and not furniture either. The role a line gets
# is the first part of the rule's name (byline, dateline, credit, caption);
# `reason` says what the line is. Matched like TEXT_RULES.
# English month names and their abbreviations -> month number: the text
# rules' dates and metadata.py's dates read the same ones.
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = "(?:%s)\\.?" % "|".join(sorted(MONTHS, key=len, reverse=True))   # longest first
_DATE = (r"(?:\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+\d{4}"     # 18 Nov 2019
         r"|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"        # November 25, 2017
         r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"                              # 2019-03-03
         r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"                            # 27/09/2018
         r"|\d{1,2}\s+de\s+\w+\s+de\s+\d{4}"                             # 22 de outubro de 2010
         r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")                    # 2024年3月12日 (Chinese, Japanese)

TEXT_META_RULES: tuple[Rule, ...] = (
    Rule("credit-source",
         r"^(?:source|sources|quelle|fuente|fonte|المصدر)\s*:\s*[^\W\d][\w .&/-]{0,30}$",
         "A wire credit naming the agency the story comes from.",
         "SOURCE:AFP"),
    Rule("credit-reporting",
         r"^\(?(?:additional )?(?:reporting|writing|editing|compiled) by\b.{0,200}\)?\.?$",
         "A wire credit listing reporters and editors.",
         "(Reporting by Will Dunham; Editing by Tom Brown)"),
    Rule("credit-wires",
         r"^(?:with|from) (?:\w+ )?(?:wires|wire services|agencies)\.?$",
         "A credit saying wire copy was used.",
         "With Post wires"),
    Rule("byline-by",
         r"^(?:by|written by|reported by|von|por|par|oleh)\s+(?=\S)(?!.*[.!?]$).{1,90}$|^by$",
         "A byline naming the author.",
         "By Staff Reporter"),
    Rule("byline-cjk",
         r"^(?!.*[。！？]$)(?:(?:本报|本報)?(?:记者|記者)|作者|撰文|执笔|執筆)(?:\s*[:：]\s*|\s+)[^\s:：].{0,40}$|^文\s*[/／]\s*\S.{0,40}$",
         "A Chinese or Japanese byline: reporter (记者, 記者), author (作者), writer (撰文, 执笔, 執筆) or \"文/\", then a colon or a space, before the name (\"记者手记\", reporter's notes, is a heading).",
         "记者：王小明 编辑：李华"),
    Rule("byline-posted",
         r"^(?:posted|published|written)(?: on .{1,40})? by\s+\S.{0,60}$",
         "A byline with the posting date.",
         "Posted on March 30, 2015 by Admin"),
    Rule("dateline-source",
         r"^(?:source|editor|quelle|fuente|fonte)\s*:.{0,80}(?:\||\d).{0,80}$",
         "A dateline with the source, time stamp and desk editor.",
         "Source: Xinhua| 2019-03-03 20:11:43|Editor: xuxin"),
    Rule("dateline-stamp",
         r"^[\[(«»*•·|>#-]*\s*(?:published|updated|posted|last updated|last modified|modified|first published|date|publicado|actualizado|pubblicato|veröffentlicht|mis à jour|publié|diterbitkan)\b[^\d]{0,20}\d.{0,100}$",
         "A dateline: when the article was published or updated.",
         "Updated: 18 Nov 2019 9:38 pm"),
    Rule("dateline-date",
         r"^(?=.{0,110}$)(?=\D*+\d)(?!.*[.!?\"”]$)(?![—–-]\s).{0,50}?\b" + _DATE + r".*$",
         "A short line built around a full date is the article's dateline.",
         "November 25, 2017"),
    Rule("caption-photo-credit",
         r"^(?:.*\[(?:photo|image|picture|foto)s?\b.*\]|.*\((?:photo|image|picture|foto)s?\s*(?::|by|courtesy)\b.*\)|.*/\s*(?:afp|ap|reuters|epa|getty images|shutterstock)\s*\)?|.*\|\s*(?:afp|ap|reuters|epa|getty images|shutterstock)|.*credit\s*(?:\.\.\.|:).*|.*courtesy of\b.*|.*\((?:[a-z]+ )?photo/[^()]*\)|(?:getty images|shutterstock|istock|alamy)\S*)$",
         "A photo caption or credit line.",
         "An Iraqi tribal forces fighter searches the vehicle of a shepherd. [Photo courtesy of the Upper Euphrates tribal forces]"),
    Rule("caption-label",
         r"^(?:(?:photo|image|picture|foto|фото|photograph|above|pictured|file photo)s?\s*:(?:\s*\S.*)?|image (?:caption|copyright|source)\b.*|(?:photo|image|picture)s? by\s+\S.{0,80})$",
         "A labelled photo caption.",
         "Above: A WeWork coworking space in San Francisco."),
    Rule("caption-paren-credit",
         r"^(?=.*\)$)(?=.*/).*[.!?]\s*\([^()]*\w/\w[^()]*\)$",
         "A caption ending in a parenthesised photographer/agency credit.",
         "The first global geologic map of Titan. (NASA/JPL-Caltech/ASU)"),
)

# URLs inside kept lines; their tracking parameters are stripped.
TEXT_URL_PATTERN = r"https?://[^\s<>\"')\]]+"

# --- HTML rules: CSS selectors of page furniture -----------------------------

# Names start with "html-" (and "block-" below) so that the review report
# tells them from the text rules.
# Each pattern is a CSS selector group of compound selectors (tag, #id,
# .class, [attr op value]; no combinators), matched case-blind against every
# element of the page's <body>; clean_html.py removes each match with its
# content unless it is, or holds, the article's own container.

HTML_RULES: tuple[Rule, ...] = (
    # navigation
    Rule("html-navigation", "nav, menu, [role=navigation], [role=menubar], [role=menu]",
         "Site menus and section lists link away from the article.",
         '<nav class="site-nav"><a href="/world">World</a> <a href="/business">Business</a> '
         '<a href="/sport">Sport</a></nav>'),
    Rule("html-breadcrumbs", "[class*=breadcrumb i], [id*=breadcrumb i]",
         "Breadcrumb trails repeat the section path, not the story.",
         '<ol class="breadcrumbs"><li><a href="/">Home</a></li><li><a href="/tech">Tech</a></li></ol>'),
    Rule("html-skip-link", "[class*=skip-link i], [class*=skip-to i], [class~=sr-only], [class~=visually-hidden]",
         "Screen-reader shortcuts and hidden labels are not visible article text.",
         '<a class="skip-link" href="#main">Skip to main content</a>'),
    # page header and footer
    Rule("html-page-header", "header, [role=banner], [id=header], [class~=site-header], [id=masthead]",
         "The masthead repeats the site name, logo and menus on every page.",
         '<header class="site-header"><a href="/">The Daily Ledger</a> <a href="/login">Sign in</a></header>'),
    Rule("html-page-footer", "footer, [role=contentinfo], [id=footer], [class~=site-footer], [class~=footer]",
         "Footers hold copyright, legal and contact links shared by every page.",
         '<footer><p>\u00a9 2019 The Daily Ledger. All rights reserved.</p>'
         '<a href="/privacy">Privacy policy</a></footer>'),
    # sidebars
    Rule("html-sidebar", "aside, [role=complementary], [class*=sidebar i], [id*=sidebar i], [class*=side-bar i]",
         "Sidebars carry most-read lists, promos and widgets beside the article.",
         '<aside class="sidebar"><h3>Most read</h3><ol><li><a href="/a">Markets slide as rates rise</a></li></ol></aside>'),
    # consent and cookie banners
    Rule("html-consent-banner", "[class*=cookie i], [id*=cookie i], [class*=consent i], [id*=consent i], "
         "[class*=gdpr i], [id*=gdpr i], [class*=cmp-banner i]",
         "Cookie and consent banners are legal notices overlaid on every page.",
         '<div id="cookie-banner"><p>We use cookies to improve your experience. By continuing to browse '
         'you agree to our use of cookies.</p><button>Accept</button></div>'),
    # newsletter and paywall prompts
    Rule("html-newsletter", "[class*=newsletter i], [id*=newsletter i], [class*=signup i], [class*=sign-up i], "
         "[class*=subscribe i], [id*=subscribe i], [class*=subscription i]",
         "Newsletter and subscription prompts ask for an email address, they do not report.",
         '<div class="newsletter-signup"><h4>Get our morning briefing</h4>'
         '<p>Sign up for the newsletter and never miss a story.</p></div>'),
    Rule("html-paywall", "[class*=paywall i], [id*=paywall i], [class*=regwall i], [class*=piano-offer i], "
         "[class*=meter-message i]",
         "Paywall and registration prompts interrupt the article to sell access.",
         '<div class="paywall-prompt"><p>You have read 3 of 5 free articles this month. '
         'Subscribe for unlimited access.</p></div>'),
    # share widgets
    Rule("html-share-widget", "[class*=share i], [id*=share i], [class*=sharing i], [class*=addthis i], "
         "[class*=social-links i], [class*=social-icons i], [class*=social-buttons i], "
         "[class*=social-follow i], [class*=social-bar i], [class*=socials i], [class*=follow-us i]",
         "Share buttons and follow-us widgets are calls to action, not article text "
         "(embedded social posts, class 'social-media-embed', are quoted content and stay).",
         '<div class="share-buttons"><a href="https://twitter.com/intent/tweet">Tweet</a> '
         '<a href="https://www.facebook.com/sharer.php">Share on Facebook</a></div>'),
    # comments
    Rule("html-comments", "[id*=comments i], [class*=comments i], [id*=comment-list i], [class*=comment-list i], "
         "[id=respond], [id*=disqus i], [class*=disqus i], [class*=comment-form i], [class~=comment]",
         "Reader comments and comment forms are not the article.",
         '<section id="comments"><h3>12 comments</h3><div class="comment"><p>Great piece, thanks!</p>'
         '</div></section>'),
    # related and recommended articles
    Rule("html-related", "[class*=related i], [id*=related i], [class*=recommend i], [id*=recommend i], "
         "[class*=more-stories i], [class*=more-from i], [class*=read-more i], [class*=readmore i], "
         "[class*=also-read i], [class*=trending i], [class*=most-popular i], [class*=most-read i], "
         "[class*=outbrain i], [id*=outbrain i], [class*=taboola i], [id*=taboola i]",
         "Related, trending and recommended lists are teasers for other articles.",
         '<div class="related-articles"><h3>Related</h3><ul><li><a href="/b">How the deal came together</a>'
         '</li></ul></div>'),
    # ads and sponsored content
    Rule("html-advertising", "[class~=ad], [class~=ads], [id^=ad-], [class*=ad-slot i], [class*=ad-container i], "
         "[class*=ad-wrapper i], [class*=adsbygoogle i], [class*=advert i], [id*=advert i], "
         "[id^=div-gpt-ad], [class*=dfp-ad i], [class*=sponsored i], [class*=promo i], [id*=promo i]",
         "Advertising slots and sponsored promos are paid placements.",
         '<div class="ad-slot"><span>Advertisement</span><p>Save 50% on flights this weekend only.</p></div>'),
    # forms, widgets and pixels
    Rule("html-form-controls", "form, button, input, select, textarea, label, dialog",
         "Forms and their controls are search boxes, logins and sign-ups, never article text.",
         '<form action="/search"><label>Search the site</label><input name="q"><button>Go</button></form>'),
    Rule("html-tracking-pixel", "img[width='1'], img[height='1'], img[width='0'], img[height='0'], "
         "[style*='display:none' i], [style*='display: none' i], [hidden], [aria-hidden=true]",
         "Tracking pixels and hidden elements are invisible to readers.",
         '<img src="https://pixel.example.com/t.gif?id=42" width="1" height="1" alt="">'
         '<div style="display:none">Hidden sponsor text</div>'),
    # captions and credits
    Rule("html-figure-caption", "figcaption, [class*=caption i], [class*=credit i]",
         "Captions and photo credits describe images, which the digest drops.",
         '<figure><img src="/p.jpg" alt=""><figcaption>The harbour at dawn. Photo: J. Smith/Reuters'
         '</figcaption></figure>'),
    # bylines and datelines are metadata, read from the page's meta tags
    Rule("html-byline", "[class*=byline i], [class*=author-bio i], [class*=author-info i], [rel=author], "
         "[class*=dateline i], [class*=timestamp i], [class*=publish-date i]",
         "Bylines, author boxes and timestamps are metadata, kept in the front matter.",
         '<div class="byline">By <a rel="author" href="/staff/jane">Jane Doe</a> | '
         '<time datetime="2019-11-18">Nov 18, 2019</time></div>'),
    Rule("html-tags-list", "[class~=tags], [class*=tag-list i], [class*=post-tags i], [class*=article-tags i], "
         "[class*=topics-list i]",
         "Tag lists link to topic pages and repeat keywords, not sentences.",
         '<div class="tags"><a href="/tag/elections">Elections</a> <a href="/tag/europe">Europe</a></div>'),
)

# --- Block rules: leftover furniture lines in the extracted body -------------
# Regexes applied to the plain text of each block the HTML cleaner keeps;
# they catch furniture that carries no telltale markup.

BLOCK_RULES: tuple[Rule, ...] = (
    Rule("block-read-more-teaser", r"""(?ix)
         ^(read\ more|related(\ stories|\ articles|\ content|\ coverage)?|see\ also|more\ on\ this(\ story)?
          |recommended(\ for\ you)?|watch|listen|don'?t\ miss)\s*[:|\u2013\u2014-]\s*.{0,160}$
                                    # a label and a colon or dash, then a headline
         |^(you\ (may|might)\ also\ like|read\ more|more\ stories)\W*$
                                    # the bare label above a teaser list
         |^also\ on\ [\w-]+\.[a-z.]{2,6}\b.{0,160}$
                                    # "Also on example.com <headline>" (a domain, not "Also on Tuesday")
         """,
         "A labelled teaser line links to another article.",
         "Read more: Alibaba poised to launch record-breaking $13.4bn Hong Kong listing"),
    Rule("block-share-prompt", r"""(?ix)
         ^(like\ this\ (story|article)\??|share\ (this|it)(\ story|\ article)?|share\ on\ \w+
          |follow\ us\ on|tweet\ this)\b.{0,80}$
                                    # "Like this story? Share it", "Share on Facebook"
         |^follow\b.{0,80}\bon\ (facebook|twitter|instagram|linkedin)\b.{0,80}$
                                    # "Follow the Opinion section on Facebook, Twitter ..."
         """,
         "Share prompts ask the reader to spread the page, they do not report.",
         "Like this story? Share it with a friend!"),
    Rule("block-newsletter-line", r"""(?ix)
         ^(sign\ up|subscribe|click\ here\ to\ subscribe|thanks\ for\ signing\ up)\b.{0,120}$
                                    # sign-up buttons and their thank-you line
         |^get\ (the|our)\ [\w\ ]{0,40}newsletters?\b.{0,120}$
                                    # "Get our morning newsletter"
         |^get\ the\ latest\ [\w\ ]{0,40}in\ your\ inbox\b.{0,120}$
                                    # "Get the latest updates right in your inbox"
         """,
         "Newsletter prompts ask for an email address, they do not report.",
         "Click here to subscribe to The Paradigm Newsletter"),
    Rule("block-comment-count", r"""(?ix)
         ^(\d+\s+)?comments?(\ \(\d+\))?$     # "12 comments", "Comments (3)"
         |^(leave|post|add)\ a\ comment$         # comment form prompts
         |^tell\ us\ what\ you\ think\W*$
         """,
         "Comment counters and prompts introduce the reader comments.",
         "12 comments"),
    Rule("block-tip-line", r"(?i)^(have a (news )?tip|got a (news )?tip|do you have a story)\b.{0,200}$",
         "Calls for tips close many articles with the newsroom's contact details.",
         "Have a tip? Amy Kuperinsky may be reached at akuperinsky@njadvancemedia.com."),
    Rule("block-shortcode", r"^\[(\w+)\b[^\]]*\].{0,200}\[/\1\]$",
         "An unrendered CMS shortcode is a widget the page failed to draw, not prose.",
         "[button link=\"http://www.example.co.uk/submit-kit-review/\" type=\"big\"] Send us YOUR kit review[/button]"),
    Rule("block-advert-label", r"(?i)^(advertisement|advertising|sponsored( content)?|ad)$",
         "Ad slot labels survive as a bare word when the ad itself is blocked.",
         "Advertisement"),
    Rule("block-copyright-line", r"""(?ix)
         ^(copyright\b|\u00a9|\(c\)\s*\d{4}).{0,160}$   # "© 2019 Example", "Copyright Example 2019"
         |^(?s:.*+)(?:(?<=all\ rights\ reserved)|(?<=all\ rights\ reserved\.)
                     |(?<=all\ rights\ reserved\n)|(?<=all\ rights\ reserved\.\n))$
                          # the legal formula closing a footer line: the line is read to its end
                          # once and its last words checked there (a search for the formula
                          # tried every position of every paragraph, a page's costliest rule)
         """,
         "Copyright notices are page furniture shared by every article.",
         "copyright Inexhibit 2019 - ISSN: 2283-5474"),
)
