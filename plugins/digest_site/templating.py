"""Jinja filters the theme uses."""
from __future__ import annotations


def group_by_day(articles) -> list[tuple[object, list]]:
    """Articles (newest first) in, [(date, articles of that day)] out, order kept."""
    days: list[tuple[object, list]] = []
    for article in articles:
        day = article.date.date()
        if days and days[-1][0] == day:
            days[-1][1].append(article)
        else:
            days.append((day, [article]))
    return days
