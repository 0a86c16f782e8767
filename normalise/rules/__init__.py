"""The grammar: one small rule per Danish construction.

Each rule is a pattern over the text (built from the lexicon fragments, see
``words.Fragments``) and a production that reads the match into a ``Spec``.
Rules do no calendar arithmetic; ``compose`` joins adjacent pieces
("lørdag" + "aften", "kort før" + "klokken et") and the resolver computes values.
Every rule carries examples, and a test checks that it fires on each.

This module holds the ordered ``RULES`` table (``Rule`` is in ``rule``); the productions
have modules by kind: ``pieces``, ``deictic``, ``weekdays``, ``shifted``, ``named_periods``,
``dates``, ``years``, ``clock``, ``durations``, ``offsets`` and ``sets``, sharing ``readers``.
"""

from __future__ import annotations

from normalise.lexicon import load_lexicon
from normalise.rules.clock import (
    clock,
    clock_about,
    clock_bare,
    clock_list_member,
    clock_told,
    clock_words,
    midnight,
    noon,
    range_end,
    spelled_range_end,
)
from normalise.rules.dates import (
    century,
    day_month,
    day_of_month,
    decade,
    half_year,
    iso_date,
    iso_week,
    numeric_date,
    period_code,
    quarter,
    school_week,
    weekend_of_dates,
)
from normalise.rules.deictic import (
    current_unit_genitive,
    deictic_day,
    deictic_year,
    genitive_part,
    part_in_course,
    part_too,
    past_adverb,
    past_day_part,
    reference,
    today_part,
    tomorrow_early,
    tonight,
    whole_unit,
)
from normalise.rules.durations import (
    compound_duration,
    duration,
    first_duration,
    race_time,
    recent_duration_any,
    vague_adverb_duration,
)
from normalise.rules.named_periods import (
    holiday,
    holiday_unit,
    month_year,
    season,
    season_after,
    season_after_adjective,
    season_bare,
    season_coming,
)
from normalise.rules.offsets import (
    ago,
    current_definite,
    following_unit,
    from_now,
    later,
    same_period_years_away,
    same_unit,
    unit_after,
)
from normalise.rules.pieces import (
    adverb_prefix,
    day_part,
    edge_after_genitive,
    modifier,
    night_prefix,
    zone,
)
from normalise.rules.readers import amount_of, holiday_name, shift_of, unit_name, weekday_number
from normalise.rules.rule import Rule
from normalise.rules.sets import every, frequency_adverb, per_day, times_per
from normalise.rules.shifted import (
    day_in_shifted_month,
    edge_of_current,
    genitive_year,
    months_of_year,
    shifted_named,
    shifted_unit,
)
from normalise.rules.weekdays import (
    indefinite_weekday,
    listed_weekday_in_week,
    night_between,
    nth_in_month,
    same_weekday,
    shifted_weekday,
    weekday,
    weekday_coming,
    weekday_day,
    weekday_past_s,
    weekday_plural,
    weekend,
    weekend_after,
    weekend_after_holiday,
)
from normalise.rules.years import explicit_year, year, year_range_end
from normalise.spec import Spec
from normalise.words import normal

_DAYNUM = r"(?P<day>[12]?\d|3[01]|<ORDWORD>)"
_YEAR = r"(?P<year>1\d{3}|20\d{2}|21\d{2})"
_MONTH_ANY = r"(?P<month><MONTH>|<MONTH_ABBR>\.?)"
# "den 3. og 4. marts", "5.-6. august 2017": two days of one month (group "first": the first day)
_DAY_LIST_MONTH = (r"(?P<first>(?:(?:den|d\.)\s+)?(?P<day>[12]?\d|3[01])\.?)\s*(?:og|til|-|–)\s*(?:den\s+)?"
                   r"(?:[12]?\d|3[01])\.?\s+" + _MONTH_ANY + r"(?:\s+" + _YEAR + ")?")
_NAMED = r"(?:(?P<month><MONTH>)|(?P<season><SEASON>)|(?P<holiday><HOLIDAY>))"
# "den 9., den 16. og den 23. december": a day of a longer list, whose month is named at its end
_DAY_LIST_MEMBER = (r"(?P<first>(?:(?:den|d\.)\s+)?(?P<day>[12]?\d|3[01])\.)(?=\s*,\s*(?:den\s+)?(?:[12]?\d|3[01])\."
                    r"(?:\s*,\s*(?:den\s+)?(?:[12]?\d|3[01])\.)*\s*(?:,|og)\s*(?:den\s+)?(?:[12]?\d|3[01])\.?\s+"
                    + _MONTH_ANY + r"(?:\s+" + _YEAR + ")?)")

# "af april", "i sommeren": after "sidste uge" ("den sidste uge af april") the start or end of that unit,
# which a modifier reads, not a week counted from today
_OF_NAMED_UNIT = r"\s+(?:af|i)\s+(?:<MONTH>|<SEASON>|året|måneden|\d{4}(?!\d))"
# "(de kommende) tre dage", "(den seneste) halve time", "(det første) år": a length after an article
# and a word that places it; not "(den første) uge af april" (the start of April, a modifier)
_UNITS_AFTER_ARTICLE = (r"\s+(?:(?P<n><AMOUNT>)\s+(?P<unit><UNIT>)"
                        r"|(?:(?P<half>halve)\s+)?(?P<unit1>uge|måned|år|døgn|halvår|kvartal|årti|time|kvarter|minut))"
                        r"(?!" + _OF_NAMED_UNIT + ")")

RULES: tuple[Rule, ...] = (
    # --- pieces that only count inside a larger expression
    Rule("modifier", r"(?P<mod><POINT_MOD>|<AMOUNT_MOD>)", modifier, ("kort før", "begyndelsen af", "knap")),
    Rule("edge_after_genitive", r"(?P<edge><EDGE_AFTER_GENITIVE>)", edge_after_genitive, ("årets udgang",),
         span="edge"),
    Rule("night_prefix", r"natten\s+(?:til|mod)", night_prefix, ("natten til",)),
    Rule("adverb_prefix", r"(?:tidligere|senere)(?=\s+(?:i\s+dag|i\s+går|i\s+år|på\s|samme\s|<WEEKDAY>))",
         adverb_prefix, ("tidligere i dag", "senere på dagen")),
    Rule("time_zone", r"(?P<zone><ZONE>)", zone, ("dansk tid", "lokal tid")),
    Rule("day_part", r"(?P<part><DAYPART>|<DAYPART_S>)", day_part, ("aften", "aftes")),
    # --- deictic days, years and parts of today
    Rule("deictic_day", r"(?P<word><DEICTIC_DAY>)", deictic_day, ("i dag", "i går", "gårsdagens")),
    Rule("tomorrow_early", r"i\s+morgen\s+tidlig", tomorrow_early, ("i morgen tidlig",)),
    Rule("deictic_year", r"(?P<word><DEICTIC_YEAR>)", deictic_year, ("i år", "i fjor", "årets")),
    Rule("current_unit_genitive", r"(?P<word>ugens|månedens)", current_unit_genitive, ("ugens",)),
    Rule("past_day_part", r"i\s+(?P<part><DAYPART_S>)", past_day_part, ("i morges", "i aftes")),
    Rule("today_part",
         r"i\s+(?P<part>formiddag|eftermiddag|aften)|her\s+til\s+(?P<here>morgen|formiddag|eftermiddag|aften)"
         r"|til\s+(?P<coming>formiddag|eftermiddag|aften)\b"
         r"|ved\s+(?P<time>aften)stid",
         today_part, ("i aften", "her til morgen", "til aften", "ved aftenstid")),
    Rule("tonight", r"i\s+nat|nattens", tonight, ("i nat", "nattens")),
    # a bare "natten" ("mange måtte tilbringe natten i kolde huse", "Natten bød også på ..."): the
    # night of a day named in its sentence, else the one "i nat" names ("om natten" is habitual;
    # "i løbet af/ud på/hele natten" have rules of their own)
    Rule("bare_night",
         r"(?<!\bom\s)(?<!\bden\s)(?<!\baf\s)(?<!\bhele\s)(?<!\bunder\s)"
         r"(?<!\bud\spå\s)(?<!\bhen\spå\s)(?<!\bførst\spå\s)(?<!\bsidst\spå\s)(?<!\bmidt\spå\s)"
         r"natten(?![\w-]|\s+(?:til|efter|før|inden|forinden|derefter|igennem|over)\b)",
         lambda hit: tonight(hit)._replace(anchor="sentence"), ("natten",)),
    # "forventningerne til året", "året som helhed": the year (month, ...) as a whole, as "hele året"
    Rule("unit_as_a_whole",
         r"(?:(?<=forventningerne\stil\s)|(?<=forventninger\stil\s)|(?=\w+\s+som\s+helhed))"
         r"(?P<unit>året|måneden|kvartalet)(?![\w-])", whole_unit, ("forventningerne til året", "året som helhed")),
    # not "hele døgnet" (around the clock), "hele året rundt" (every year), "hele natten til
    # onsdag", "hele ugen før jul" or "hele dagen i går" (the time named after it)
    Rule("whole_unit",
         r"(?:hele|det\s+meste\s+af)\s+(?P<unit>dagen|ugen|måneden|kvartalet|året|natten|weekenden"
         r"|morgenen|formiddagen|eftermiddagen|aftenen)"
         r"(?!\s+(?:til\s|mod\s|rundt\b|\d|efter\b|før\b|inden\b|forinden\b|derefter\b|<DEICTIC_DAY>|"
         r"(?:på\s+)?<WEEKDAY>|den\s+\d))",
         whole_unit, ("hele natten", "hele dagen", "hele ugen", "hele året", "hele weekenden", "det meste af natten")),
    Rule("unit_through", r"(?P<unit>dagen|ugen|natten|weekenden|formiddagen|eftermiddagen|aftenen)\s+igennem",
         whole_unit, ("natten igennem",)),
    Rule("part_in_course",
         r"(?:i\s+løbet\s+af|resten\s+af|hen\s+på|ud\s+på|hen\s+under|først\s+på|sidst\s+på|midt\s+på|"
         r"(?:et\s+godt\s+stykke\s+|langt\s+)ind\s+i|(?:langt\s+)?op\s+ad)\s+"
         r"(?P<part>eftermiddagen|aftenen|natten(?!\s+til\s)|formiddagen|morgenen)",
         part_in_course, ("i løbet af eftermiddagen",), span="part"),
    # "i løbet af eftermiddagen og aftenen", "hele eftermiddagen og aftenen": the second part, in course too
    Rule("part_in_course_too",
         r"(?:i\s+løbet\s+af|resten\s+af|hele)\s+(?:eftermiddagen|formiddagen|morgenen|aftenen)\s+og\s+"
         r"(?P<part>eftermiddagen|aftenen|natten(?!\s+til\s))",
         part_too, ("i løbet af eftermiddagen og aftenen",), span="part"),
    Rule("genitive_part", r"(?P<part>aftenens|morgenens|formiddagens|eftermiddagens)", genitive_part,
         ("aftenens",)),
    # --- weekdays
    Rule("weekday_listed_before_week",
         r"(?P<wd><WEEKDAY>)\s+(?:og|til)\s+<WEEKDAY>\s+i\s+(?:(?P<shift><SHIFT>)\s+uge\b|uge\s+(?P<w>\d{1,2})\b)",
         listed_weekday_in_week, ("mandag og tirsdag i næste uge", "fra mandag til onsdag i uge 8"), span="wd"),
    Rule("weekday_listed_after_week",
         r"(?P<shift><SHIFT>)\s+uge\s+(?:på\s+)?<WEEKDAY>\s+og\s+(?P<wd><WEEKDAY>)", listed_weekday_in_week,
         ("sidste uge mandag og tirsdag",), span="wd"),
    Rule("same_weekday", r"(?:den|samme)\s+(?P<wd><WEEKDAY>)(?!\s*(?:den\s+|d\.\s*)?\d)", same_weekday,
         ("den fredag", "samme mandag")),
    Rule("weekday", r"(?P<wd><WEEKDAY>)", weekday, ("onsdag", "onsdagens")),
    Rule("weekday_plural", r"(?P<wd><WEEKDAY_PLURAL>)", weekday_plural, ("fredage", "lørdage og søndage")),
    Rule("weekday_past_s", r"i\s+(?P<wd><WEEKDAY_PAST_S>)", weekday_past_s, ("i onsdags",)),
    Rule("weekday_coming", r"på\s+(?P<wd><WEEKDAY>)", weekday_coming, ("på onsdag",)),
    Rule("weekday_day", r"(?P<wd><WEEKDAY>)\s+(?:den|d\.)\s+(?P<d>\d{1,2})\.(?!\s*(?:<MONTH>|<MONTH_ABBR>\.?|\d))",
         weekday_day, ("fredag den 13.",)),
    Rule("indefinite_weekday", r"en\s+(?P<wd><WEEKDAY>)(?:\s+(?P<part><DAYPART>))?", indefinite_weekday,
         ("en fredag", "en søndag aften")),
    Rule("shifted_weekday", r"(?P<shift><SHIFT>)\s+(?P<wd><WEEKDAY>)", shifted_weekday, ("sidste mandag",)),
    Rule("nth_in_month",
         r"(?:den\s+)?(?P<nth><NTH>)\s+(?:(?P<wd><WEEKDAY>)|(?P<weekend>weekend(?:en)?))\s+(?:i|af)\s+(?P<month><MONTH>)"
         r"(?:\s+" + _YEAR + ")?",
         nth_in_month, ("den første tirsdag i november", "sidste weekend i august", "den anden weekend af december")),
    # "den sidste fredag i måneden", "den 1. i måneden": a day every month
    Rule("monthly_day",
         r"(?:den\s+)?(?:<NTH>\s+(?:<WEEKDAY>|dag|hverdag|weekend(?:en)?)|\d{1,2}\.)\s+i\s+(?:hver\s+)?måned(?:en)?\b",
         lambda hit: Spec(kind="set", period="P1M"), ("den sidste fredag i måneden", "den 1. i måneden")),
    Rule("night_between", r"natten\s+mellem\s+(?P<wd><WEEKDAY>)\s+og\s+<WEEKDAY>", night_between,
         ("natten mellem tirsdag og onsdag",)),
    # --- units shifted from now
    Rule("shifted_unit",
         r"(?P<shift><SHIFT>)\s+(?P<unit>uges?|måneds?|års?|kvartals?|halvårs?|årti|århundrede|weekends?|dag|døgn)"
         r"(?!(?<=uge)" + _OF_NAMED_UNIT + ")",  # "(den) sidste uge af april" is the end of April
         shifted_unit, ("sidste uge", "næste år", "næste weekend", "sidste århundrede")),
    Rule("day_in_shifted_month", r"(?:den|d\.)\s+(?P<d>\d{1,2})\.\s+i\s+(?P<shift><SHIFT>)\s+måned",
         day_in_shifted_month, ("den 15. i næste måned", "den 1. i denne måned")),
    Rule("edge_of_current", r"(?P<which>årets|månedens)\s+(?P<nth>første|sidste)\s+(?P<what>dag|døgn|måned)",
         edge_of_current, ("årets første dag", "årets sidste måned", "månedens første dag")),
    Rule("months_of_year_genitive",
         r"(?P<deictic>årets|<GENITIVE_YEAR>)\s+(?P<edge>første|sidste)\s+(?:(?P<n><NUMWORD>|\d{1,2})\s+)?måneder",
         months_of_year, ("årets første seks måneder", "sidste års sidste tre måneder", "årets første måneder")),
    Rule("months_of_year",
         r"(?:de\s+)?(?P<edge>første|sidste)\s+(?P<n><NUMWORD>|\d{1,2})\s+måneder\s+"
         r"(?:(?:af|i)\s+(?:året|" + _YEAR + r"|(?P<shift><SHIFT>)\s+år)|(?P<deictic><DEICTIC_YEAR>))",
         months_of_year, ("de første seks måneder af 2019", "de sidste tre måneder af året",
                          "de første tre måneder i år")),
    Rule("genitive_year", r"(?P<word>(?:sidste|forrige|dette|næste|kommende)\s+års)", genitive_year,
         ("næste års",)),
    Rule("shifted_named", r"(?P<shift><SHIFT>)\s+" + _NAMED, shifted_named, ("sidste sommer", "næste jul")),
    Rule("weekend_after_holiday", r"weekenden\s+efter\s+(?P<holiday><HOLIDAY>)", weekend_after_holiday,
         ("weekenden efter påske",)),
    Rule("weekend_after", r"weekenden\s+(?P<dir>efter|før|derpå|derefter|forinden)(?!\s+(?:den\b|\d|<HOLIDAY>|<WEEKDAY>|<MONTH>))",
         weekend_after, ("weekenden efter",)),
    Rule("weekend", r"weekenden|weekendens|den\s+(?:lange|forlængede)\s+weekend\b", weekend,
         ("weekenden", "den lange weekend", "den forlængede weekend")),
    # "åbningsweekenden", "premiereweekenden": the weekend of an event the text announces, the coming one
    Rule("event_weekend", r"(?:åbnings|premiere|indvielses|jubilæums)weekend(?:en|ens)\b",
         lambda hit: Spec(weekend=True, relation="coming"), ("åbningsweekenden", "premiereweekenden")),
    # --- calendar dates
    Rule("day_month", r"(?:(?:den|d\.)\s+)?" + _DAYNUM + r"\.?\s+" + _MONTH_ANY + r"(?:\s+" + _YEAR + ")?",
         day_month, ("den 8. januar", "8. januar 2020", "den første maj", "8. jan. 2020")),
    Rule("weekend_of_dates", r"weekenden\s+" + _DAY_LIST_MONTH, weekend_of_dates, ("weekenden den 5.-6. august",)),
    Rule("day_list_month", _DAY_LIST_MONTH, day_month, ("den 3. og 4. marts",), span="first"),
    Rule("day_list_member", _DAY_LIST_MEMBER, day_month, ("den 9., den 16. og den 23. december",), span="first"),
    Rule("numeric_date", r"(?:(?:den|d\.)\s+)?(?:(?<![\d.,/-])|(?<=\d/\d-)|(?<=\d/\d\d-))(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:(?:-|/|\s)(?P<y>\d{4}))?(?![\d/])",
         numeric_date, ("8/1", "8/1-2020", "d. 24/3")),
    Rule("dashed_date", r"(?<![\d.,/-])(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})(?![\d-])", numeric_date,
         ("12-05-1988",)),
    # a race time, not a date: "vandt i tiden 2.05.41", "rekorden på 2.07.09" (hours, minutes, seconds)
    Rule("race_time", r"(?:i\s+tiden|(?:rekord(?:en)?|tid(?:en)?)\s+på)\s+"
         r"(?P<time>(?P<h>\d)\.(?P<m>[0-5]\d)\.(?P<s>[0-5]\d))(?![\d.,]\d)",
         race_time, ("i tiden 2.05.41", "rekorden på 2.07.09"), span="time"),
    Rule("dotted_date", r"(?<![\d.,])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?![\d])",
         numeric_date, ("08.01.2020",)),
    Rule("iso_date", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", iso_date, ("2020-01-08",)),
    Rule("dotted_day_month", r"(?:den|d\.)\s+(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?!\d)", numeric_date, ("den 1.4.",)),
    Rule("month_year", r"(?P<month><MONTH>)(?:\s+" + _YEAR + ")?", month_year, ("december", "december 2017")),
    Rule("month_abbr_year", r"(?P<month><MONTH_ABBR>)\.?\s+" + _YEAR, month_year, ("dec. 2017",)),
    Rule("year", r"(?<![\d.,])(?P<y>1[0-9]{3}|20[0-9]{2}|21[0-9]{2})(?![.,]\d)", year, ("i 2007",)),
    Rule("year_range_end", r"(?P<y>1\d{3}|20\d{2})\s?[-–]\s?(?P<second>\d{2})(?!\d|[.,]\d)", year_range_end,
         ("1939-45",), span="second"),
    Rule("year_word", r"(?:året|år)\s+(?P<y>1[0-9]{3}|20[0-9]{2}|[1-9][0-9]{2}(?!\d|[.,]\d))", explicit_year,
         ("året 2020", "år 960")),
    Rule("decade", r"(?:(?P<digits>(?:1[0-9]|20)?[0-9]0)\s*'?\s*ernes?|(?P<word><DECADE_WORD>))", decade,
         ("1990'erne", "90'erne", "halvfemserne")),
    Rule("century", r"(?:(?P<hundreds>\d{1,2})00-tallets?|det\s+(?P<ord>\d{1,2}\.|<ORDWORD>)\s+århundrede)", century,
         ("1800-tallet", "det 19. århundrede")),
    Rule("holiday_unit", r"(?P<word><HOLIDAY_UNIT>)(?![\w-])", holiday_unit, ("det nye år", "påskeugen", "juleugen")),
    Rule("school_week", r"(?P<word>efterårsferien|vinterferien)", school_week, ("efterårsferien",)),
    Rule("iso_week", r"uge\s+(?P<w>\d{1,2})(?:\s+(?:i\s+)?(?P<y>\d{4}))?", iso_week, ("uge 2", "uge 53 2020")),
    Rule("iso_week_list", r"uger?\s+\d{1,2}(?:\s*,\s*\d{1,2})*\s*(?:og|-|–|til)\s*(?P<w>\d{1,2})(?!\d)", iso_week,
         ("uge 33 og 34",), span="w"),
    Rule("quarter", r"(?P<q>første|andet|tredje|fjerde|[1-4]\.)\s+kvartal(?:\s+(?:i\s+)?(?P<y>\d{4}))?"
         r"(?!\s+i\s+træk)", quarter,  # "for tredje kvartal i træk" counts quarters
         ("fjerde kvartal", "1. kvartal 2020")),
    Rule("period_code", r"(?<![\w-])(?P<kind>[QH])(?P<n>[1-4])(?![\w-])(?:\s+(?P<y>\d{4}))?", period_code,
         ("Q4 2022", "H1 2022")),
    # the year's last quarter or half, not the one before now ("I sidste kvartal af året går
    # arbejdet i gang": the fourth)
    Rule("last_of_year", r"sidste\s+(?P<unit>kvartal|halvår)\s+(?:af|i)\s+året",
         lambda hit: Spec(quarter=4) if normal(hit.group("unit") or "") == "kvartal" else Spec(half=2),
         ("sidste kvartal af året", "sidste halvår i året")),
    Rule("half_year", r"(?P<h>første|andet|[12]\.)\s+halvår(?:\s+(?:i\s+)?(?P<y>\d{4}))?", half_year,
         ("første halvår",)),
    # "vinter i 2021"; "vinteren 2024-25" is the winter that begins in 2024
    Rule("season_year", r"(?P<pre><SEASON_PREFIX>)?(?P<season><SEASON>)\s+(?:i\s+)?(?P<year>\d{4})(?:[-–/]\d{2}(?!\d))?",
         season, ("sommeren 2028", "vinter i 2021", "vinteren 2024-25")),
    Rule("season_this", r"i\s+(?P<season>sommer|vinter|forår|efterår)", season, ("i sommer",)),
    # "til sommer" is one expression, as "i sommer" is (the bare season alone names no time); with the
    # article the season stands alone ("(til) foråret"), as annotators write them
    Rule("season_coming_bare", r"til\s+(?P<season>sommer|vinter|forår|efterår)\b", season_coming, ("til sommer",)),
    Rule("season_coming", r"til\s+(?P<season>sommeren|vinteren|foråret|efteråret)", season_coming,
         ("til foråret", "til sommeren"), span="season"),
    # an indefinite season after "inden/før/efter" is the coming one too ("inden sommer")
    Rule("season_coming_indefinite", r"(?:inden|før|efter)\s+(?P<season>sommer|vinter|forår|efterår)", season_coming,
         ("inden sommer", "efter vinter"), span="season"),
    Rule("season_had", r"<SEASON_HAD>\s+(?:et|en)\s+(?:\w+\s+){0,2}(?P<season>sommer|vinter|forår|efterår)", season,
         ("har haft et travlt forår",), span="season"),
    # "efter (en) varm sommer", "efter et vådt forår": the season an adjective sums up, as the tense takes it
    Rule("season_after_adjective",
         r"efter\s+(?!at\s)(?:(?:et|en)\s+)?(?:[a-zæøå]+\s+)?(?!(?:første|sidste|næste|hele|denne|dette|til|i|om|på)\s)"
         r"(?P<adjective>[a-zæøå]{3,})\s+(?P<season>sommer|vinter|forår|efterår)\b",
         season_after_adjective, ("efter varm sommer", "efter en svag sommer", "efter et usædvanligt vådt forår"), span="season"),
    # "foråret efter", "sommeren før" at a clause's end: the first such season after (or before) the
    # time referred to (not "sommeren efter valget", counted from what follows)
    Rule("season_after", r"(?P<season><SEASON>)\s+(?P<dir>efter|før|derpå|derefter|forinden)(?=\s*[.,;:!?)]|\s*$|\s+og\s)",
         season_after, ("foråret efter.", "sommeren før,")),
    Rule("season_late", r"(?P<pre><SEASON_PREFIX>)(?P<season><SEASON>)", season, ("sensommeren",)),
    Rule("season_early", r"det\s+(?P<pre>tidlig)e\s+(?P<season><SEASON>)", season, ("det tidlige forår",)),
    Rule("season", r"(?P<season><SEASON>)", season_bare, ("efteråret", "sommerens")),
    # "i skærtorsdags", "i påskes": the last one gone, as "i onsdags" is
    Rule("holiday_past_s", r"i\s+(?P<holiday><HOLIDAY>)(?<!n)s\b",  # not a genitive: "i påskens dage"
         lambda hit: Spec(holiday=holiday_name(hit.group("holiday")), relation="before"),
         ("i skærtorsdags", "i påskes")),
    Rule("holiday", r"(?P<holiday><HOLIDAY>)(?:\s+" + _YEAR + ")?", holiday, ("påske", "juleaften", "jul 2019")),
    # --- clock times
    Rule("clock", r"(?:klokken|kl\.?)\s+(?P<h>[01]?\d|2[0-4]|<NUMWORD>)(?:[.:](?P<m>[0-5]\d))?", clock,
         ("klokken 20", "kl. 9.30", "kl. 14:30", "klokken et")),
    # a bare "17.15" is a clock time when a time zone follows ("omkring 17.15 dansk tid")
    Rule("clock_zoned", r"(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d)(?=\s+<ZONE>)", clock, ("17.15 dansk tid",)),
    Rule("clock_told",
         r"klokken\s+(?:var|er|blev)\s+(?P<time>(?:(?P<mod><POINT_MOD>)\s+)?(?P<h>[01]?\d|2[0-4]|<NUMWORD>)"
         r"(?:[.:](?P<m>[0-5]\d))?)(?![\d.,]\d|\s*(?:procent|%|kr|mio|år|timer|minutter|dage))",
         clock_told, ("klokken var lidt over otte", "klokken var 23.15"), span="time"),
    # the modifier after "klokken" ("klokken lidt over to", "klokken omkring 14"): one expression
    Rule("clock_modified",
         r"(?:klokken|kl\.?)\s+(?P<mod><POINT_MOD>)\s+(?P<h>[01]?\d|2[0-4]|<NUMWORD>)"
         r"(?:[.:](?P<m>[0-5]\d))?(?![\d.,]\d|\s*(?:procent|%|kr|mio|år|timer|minutter|dage))",
         clock_told, ("klokken lidt over to", "klokken omkring 14", "kl. ca. 15.30")),
    Rule("clock_bare", r"(?<![\d.,:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])", clock_bare, ("14:30",)),
    Rule("clock_half",
         r"(?P<klokken>(?:klokken|kl\.?)\s+)?(?:(?P<n><NUMWORD>|\d{1,2})\s+(?:minutter\s+)?(?P<dir>over|i)\s+)?"
         r"(?P<half>halv)\s+(?P<h><HOUR>)", clock_words, ("halv elleve", "klokken halv tre", "fem over halv tre")),
    Rule("clock_quarter", r"(?P<klokken>(?:klokken|kl\.?)\s+)?(?P<kvart>kvart)\s+(?P<dir>over|i)\s+(?P<h><HOUR>)",
         clock_words, ("kvart over fem", "kvart i seks")),
    Rule("clock_minutes",
         r"(?P<klokken>(?:klokken|kl\.?)\s+)?(?P<n><NUMWORD>|\d{1,2})\s+minutter\s+(?P<dir>over|i)\s+(?P<h><HOUR>)",
         clock_words, ("fem minutter i tolv", "ti minutter over otte")),
    Rule("clock_about", r"(?:(?:ved|omkring)\s+)?(?:(?P<half>halv\s*)?(?:(?P<h>\d{1,2})(?:[.:](?P<m>[0-5]\d))?-tiden|(?P<hw>(?P<h2>"
         r"et|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv))-?tiden))", clock_about,
         ("ved 16-tiden", "femtiden", "ved halv otte-tiden", "ved halvfemtiden")),
    Rule("clock_range_end",
         r"(?:klokken|kl\.?)\s+\d{1,2}(?:[.:]\d{2})?\s*(?:-|–)\s*(?P<second>(?P<h>[01]?\d|2[0-4])(?:[.:](?P<m>[0-5]\d))?)",
         range_end, ("klokken 10-14",), span="second"),
    # "fra halv otte til ni": a spelled clock range's spelled end, with no "klokken" of its own
    Rule("spelled_clock_range_end",
         r"(?:mellem|fra)\s+(?:klokken\s+|kl\.?\s+)?(?P<past>halv|kvart\s+over|kvart\s+i)\s+(?P<start><HOUR>)\s+"
         r"(?:og|til)\s+(?P<second>(?P<h>(?!\d)<HOUR>))"
         r"(?!\s*(?:[.:,]\d|procent|%|kr|år|timer|minutter|dage|point|mål|gange|personer|mennesker))",
         spelled_range_end, ("fra halv otte til ni", "fra halv ni til fire"), span="second"),
    Rule("clock_between_end",
         r"(?:mellem|fra)\s+(?:klokken|kl\.?)\s+\d{1,2}(?:[.:]\d{2})?[^!?\n]{0,30}?\s(?:og|til|-|–)\s+"
         r"(?:klokken\s+)?(?P<second>(?P<h>[01]?\d|2[0-4])(?:[.:](?P<m>[0-5]\d))?)"
         r"(?!\s*(?:procent|%|kr|mio|millioner|år|timer|minutter|dage|personer|mennesker))",
         range_end, ("mellem klokken 10 og 14", "fra klokken 20.15 til 22"), span="second"),
    # "klokken 10 og 16.30", "klokken 8, 12 og 16": the list's last member, and a middle one
    Rule("clock_list_last",
         r"(?:klokken|kl\.?)\s+\d{1,2}(?:[.:]\d{2})?(?:\s*,\s+\d{1,2}(?:[.:]\d{2})?)*\s*(?:,|\s(?:og|eller))\s+"
         r"(?P<second>(?P<h>[01]?\d|2[0-4])(?:[.:](?P<m>[0-5]\d))?)(?![.:,]?\d)",
         clock_list_member, ("klokken 10 og 16.30", "kl. 9.30 og 13"), span="second"),
    Rule("clock_list_middle",
         r"(?:klokken|kl\.?)\s+\d{1,2}(?:[.:]\d{2})?\s*,\s+(?P<second>(?P<h>[01]?\d|2[0-4])(?:[.:](?P<m>[0-5]\d))?)"
         r"(?=\s*(?:,|\s(?:og|eller))\s+\d)",
         clock_list_member, ("klokken 8, 12 og 16",), span="second"),
    # the turn of the month: its first day, the one the tense points to
    Rule("month_turn", r"månedsskiftet", lambda hit: Spec(day=1), ("månedsskiftet",)),
    # a day of the month with no month: "den 12. sidste måned"; "frist til den 24." where the
    # clause ends after it (not the ordinal of "den 24. plads"): the one the tense points to
    Rule("day_of_shifted_month", r"den\s+(?P<day>[12]?\d|3[01])\.\s+(?P<shift><SHIFT>)\s+måned",
         lambda hit: Spec(day=int(hit.group("day") or 0), shift_unit="month", shift=shift_of(hit.group("shift"))),
         ("den 12. sidste måned", "den 3. næste måned")),
    Rule("day_of_month", r"den\s+(?P<day>[12]?\d|3[01])\.(?=\s*$|\s*[,;:!?\n]|\s+\w)", day_of_month, ("den 24.,",)),
    Rule("midnight", r"midnat", midnight, ("midnat",)),
    # "ved midnatstid": about midnight, as "ved 16-tiden"
    Rule("midnight_about", r"(?:ved\s+)?midnatstid(?:en)?", lambda hit: midnight(hit)._replace(mod="APPROX"),
         ("ved midnatstid", "midnatstiden")),
    Rule("noon", r"middagstid(?:en)?|ved\s+middag|ved\s+frokosttid", noon, ("middagstid",)),
    # "Vi har ventet på denne dag i ti år", "glædet os til denne dag": the day the news is of, today
    Rule("awaited_day", r"(?:ventet|glædet\s+(?:os|mig|sig)|set\s+frem)\s+(?:på|til)\s+(?P<day>denne\s+dag)\b",
         lambda hit: Spec(shift_unit="day", shift=0), ("ventet på denne dag",), span="day"),
    # "ved daggry", "siden de tidlige morgentimer": the morning
    Rule("dawn", r"ved\s+(?P<dawn>daggry|solopgang)\b|(?P<hours>de\s+tidlige\s+morgentimer)",
         lambda hit: Spec(part="MO"), ("ved daggry", "de tidlige morgentimer")),
    # "frem til middag", "inden middag": noon ("til middag" alone is mostly dinner)
    Rule("until_noon", r"(?:frem\s+til|indtil|inden|før)\s+(?P<noon>middag)\b(?!s)", noon, ("frem til middag",),
         span="noon"),
    # "fra middag til klokken 02": noon, opening a range to a clock time
    Rule("from_noon", r"fra\s+(?P<noon>middag)(?=\s+til\s+(?:klokken|kl\.|\d))", noon, ("fra middag til klokken 2",),
         span="noon"),
    # --- durations
    Rule("duration", r"(?P<n><AMOUNT>)\s+(?:<DURATION_ADJECTIVE>\s+)?(?P<unit><UNIT>)", duration,
         ("tre dage", "et par dage", "to år", "fem lange år")),
    # "i tre weekender": a count of weekends (TIMEX3 P3WE)
    Rule("weekends", r"(?P<n><AMOUNT>)\s+weekender\b",
         lambda hit: Spec(kind="duration", amount=amount_of(hit)[0], unit="weekend"), ("tre weekender",)),
    Rule("vague_noun_duration", r"en\s+(?P<noun><VAGUE_NOUN>)",
         lambda hit: Spec(kind="duration", unit=load_lexicon().vague_nouns[normal(hit.group("noun") or "")], vague=True),
         ("en årrække",)),
    Rule("compound_duration", r"(?P<n>\d{1,3}-|<NUMWORD>)(?P<unit>dages|døgns|timers|ugers|måneders)\b",
         compound_duration, ("tredages", "14-dages")),
    Rule("vague_adverb_duration", r"i\s+(?P<unit><UNIT_ADVERB>)", vague_adverb_duration, ("i årevis",)),
    # "de følgende uger", "de første dage"; "de seneste uger" too: every annotation of it accepts PXW,
    # some also PAST_REF
    Rule("following_units",
         r"de\s+(?:(?:efter)?følgende|seneste|første)\s+(?P<unit>dage|døgn|uger|måneder|år|timer)(?!\s+(?:af|i)\s)",
         lambda hit: Spec(kind="duration", unit=unit_name(hit.group("unit")), vague=True),
         ("de følgende uger", "de seneste måneder")),
    # the count before the adjective: "i hvert af de tre følgende år", "de to sidste uger" (as "de
    # næste tre år": a length)
    Rule("counted_following",
         r"de\s+(?P<n><AMOUNT>)\s+(?:(?:efter)?følgende|næste|kommende|seneste|sidste)\s+(?P<unit><UNIT>)", duration,
         ("de tre følgende år", "de to sidste uger")),
    Rule("recent_duration",
         r"(?P<article>de|den|det)\s+(?P<which>kommende|næste|seneste|sidste|forgangne|foregående)" + _UNITS_AFTER_ARTICLE,
         lambda hit: recent_duration_any(hit), ("de kommende to uger", "det seneste år", "det seneste halve år",
                                                "den seneste time")),
    Rule("first_duration", r"(?P<article>de|den|det)\s+første" + _UNITS_AFTER_ARTICLE,
         lambda hit: first_duration(hit), ("den første halve time", "den første time", "de første 20 minutter",
                                           "de første tre dage", "det første år")),
    # --- offsets
    Rule("ago", r"for\s+(?:(?P<amod><AMOUNT_MOD>)\s+|<NEUTRAL>\s+)?(?P<n><AMOUNT>)\s+(?P<unit><UNIT>)(?:\s+tid)?\s+siden", ago,
         ("for tre dage siden", "for godt en uge siden")),
    # ("om tre til fire dage": the nearer of the two, as annotators list both)
    Rule("from_now", r"om\s+(?:(?P<amod><AMOUNT_MOD>)\s+|<NEUTRAL>\s+)?(?P<n><AMOUNT>)(?:\s+(?:til|eller)\s+<AMOUNT>)?"
         r"\s+(?P<unit><UNIT>)(?:\s+tid\b)?", from_now,
         ("om to uger", "om et halvt år", "om cirka to måneder", "om tre til fire dage")),
    # "om en 20 års tid", "om en tre ugers tid": about that long ahead
    Rule("from_now_about", r"om\s+en\s+(?P<n><AMOUNT>)\s+(?P<unit><UNIT>)\s+tid\b", from_now,
         ("om en 20 års tid",)),
    Rule("later", r"(?P<n><AMOUNT>)\s+(?P<unit><UNIT>)\s+(?P<dir>senere|tidligere|derefter|forinden|efter|før|inden)",
         later, ("tre dage senere", "to uger tidligere")),
    Rule("unit_after",
         r"(?P<unit><UNIT_DEF>|aftenen|morgenen|natten|eftermiddagen|formiddagen)\s+"
         r"(?P<dir>efter|før|derpå|derefter|forinden|efterfølgende|i\s+forvejen)",
         unit_after, ("dagen efter", "ugen før", "aftenen før")),
    Rule("unit_in_course", r"(?:i\s+løbet\s+af|resten\s+af)\s+(?P<unit>dagen|døgnet|ugen|måneden|året)",
         same_unit, ("i løbet af dagen", "resten af året")),
    # a company's quarter or half year talked of bare: the one the text named ("første kvartal 2017 ...
    # Kæden åbnede i løbet af kvartalet", "kalder kvartalet det svageste siden 2009")
    Rule("unit_referred", r"(?P<unit>kvartalet|halvåret)s?", same_unit, ("kvartalet", "halvårets")),
    Rule("same_period_years_away", r"samme\s+(?P<unit><SAME_PERIOD>)\s+(?P<years><YEARS_AWAY>)",
         same_period_years_away, ("samme periode sidste år", "samme måned året før", "samme kvartal i fjor")),
    Rule("same_unit", r"samme\s+(?P<unit>dag|døgn|uge|måned|år|aften|morgen|nat|eftermiddag|formiddag)"
         r"|(?:den|denne)\s+(?P<part>nat|aften)(?![\w-])", same_unit, ("samme dag", "samme aften", "den nat", "denne aften")),
    # "selve dagen": the day itself, the one the text is at (as "samme dag")
    Rule("itself_unit", r"selve\s+(?P<unit>dag|aften|nat)(?:en)?(?![\w-])", same_unit, ("selve dagen", "selve aftenen")),
    Rule("following_unit",
         r"(?:(?:den|det)\s+(?P<dir>følgende|efterfølgende|næste|foregående|forrige)\s+|(?P<next>næste)\s+)"
         r"(?P<unit>dag|døgn|morgen|aften|uge|måned)", following_unit, ("den følgende dag", "næste morgen")),
    Rule("current_definite", r"(?P<unit><UNIT_DEF>)", current_definite, ("ugen", "måneden")),
    # --- reference values
    Rule("reference", r"(?P<word><REF>)", reference, ("nu", "for nylig", "de kommende dage")),
    Rule("past_adverb", r"tidligere(?!\s+(?:i\s+dag|i\s+går|i\s+år|på\s|samme\s|<WEEKDAY>))", past_adverb,
         ("har tidligere",)),
    # --- sets
    Rule("every", r"hver(?:t|e)?\s+(?:(?:eneste|hele)\s+)?(?:(?P<half>halve)\s+|(?P<ord>anden|andet|<ORDWORD>|\d{1,3}\.)\s+)?"
         r"(?P<what><UNIT>|<WEEKDAY>|<DAYPART>|weekend|<HOLIDAY>|<MONTH>|<SEASON>)(?:\s+(?P<part><DAYPART>))?",
         every, ("hver onsdag", "hvert tiende minut", "hver halve time", "hvert år", "hver søndag aften",
                 "hvert forår", "hver juleaften", "hvert 90. minut", "hver hele time")),
    Rule("habitual_season", r"om\s+(?P<season><SEASON>)(?!\s*\d)",
         lambda hit: Spec(kind="set", season=load_lexicon().seasons[normal(hit.group("season") or "")]),
         ("om sommeren", "om vinteren")),
    Rule("habitual_weekday", r"om\s+(?P<wd><WEEKDAY>)(?:en|ene)\b",
         lambda hit: Spec(kind="set", weekday=weekday_number(hit.group("wd"))), ("om mandagen", "om søndagene")),
    # every weekend: "(i) weekenderne" (the "i" left out, as 19 of 20 annotations do), "alle weekender"
    Rule("habitual_weekends", r"(?:alle\s+weekender|weekenderne)\b", lambda hit: Spec(kind="set", weekend=True),
         ("i weekenderne", "alle weekender")),
    Rule("frequency_adverb", r"(?P<word><FREQUENCY>)", frequency_adverb, ("dagligt", "ugentligt")),
    Rule("times_per", r"(?:<AMOUNT>|én|en)\s+gang(?:e)?\s+(?:om|pr\.?|per|i|hver|hvert)\s+"
         r"(?P<unit>dagen|døgnet|ugen|måneden|kvartalet|halvåret|året|timen|dag|døgn|uge|måned|kvartal|halvår|år|time)",
         times_per, ("to gange om ugen", "en gang i kvartalet")),
    # days or hours a week, a month: how often, one SET with the period ("seks dage om ugen",
    # "37 timer om ugen", "tre aftener om måneden")
    Rule("length_per", r"(?:<AMOUNT>|en|et)\s+(?:dage|timer|aftener|nætter|weekender)\s+(?:om|pr\.?|per|i)\s+"
         r"(?P<unit>ugen|måneden|året)", times_per, ("seks dage om ugen", "37 timer om ugen")),
    # a rate: "300 kroner om måneden", "spare 9,5 millioner om året" (not "om dagen": also daytime;
    # not "selv om året begyndte …": although)
    Rule("per_unit", r"(?<!selv\s)om\s+(?P<unit>ugen|måneden|året)", times_per, ("om måneden",)),
    # "en time om dagen", "50 kroner om dagen": a rate after a length or an amount of money
    Rule("per_day", r"(?:om\s+(?=dagen|døgnet)|i\s+(?=timen|døgnet))(?P<unit>dagen|døgnet|timen)", per_day,
         ("en time om dagen", "to tog i timen")),
)
