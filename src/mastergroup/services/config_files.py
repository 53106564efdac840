"""Writing configuration files: `config init` (a commented copy) and `config show` (TOML)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mastergroup.config.settings import Settings, effective
from mastergroup.core.errors import ConfigError, UsageError
from mastergroup.io import environment
from mastergroup.io.atomic import write_atomic


def examples() -> list[str]:
    """The names of the example configurations shipped in config/examples/ (issue 15)."""
    return sorted(p.stem for p in (environment.shipped_config_dir() / "examples").glob("*.toml"))


def init(path: Path | None, *, force: bool, example: str | None = None) -> Path:
    """Copy the shipped, commented configuration (or the example named `example`) to `path`
    (default: the user's config)."""
    source = environment.shipped_config_dir() / environment.SHIPPED_CONFIG
    if example is not None:
        if example not in examples():
            raise UsageError("config.unknown_example", name=example, allowed=", ".join(examples()))
        source = environment.shipped_config_dir() / "examples" / f"{example}.toml"
    target = path or environment.user_config_path()
    if target.exists() and not force:
        raise ConfigError("config.exists", file=str(target))
    text = source.read_text("utf-8")
    write_atomic(target, text.encode("utf-8"), mode=0o600)
    return target


def dump(settings: Settings) -> str:
    """The effective configuration as TOML (written by tomli-w)."""
    import tomli_w

    return tomli_w.dumps(effective(settings))


def schedule_warnings(settings: Settings, today: date, lang: str) -> list[str]:
    """What `config check` warns about in a list of dates (issue 15): a listed date on a day
    off (held as listed: the group agreed it), a listed year whose next year has no dates."""
    from mastergroup.core.rules import listed_on_days_off, years_without_next
    from mastergroup.i18n.messages import day_off_name, render

    schedule = settings.schedule
    lines = [
        render(
            "config.listed_day_off",
            lang,
            file=settings.source,
            key=listed.key,
            date=listed.date,
            day_off=day_off_name(off, lang),
        )
        for listed, off in listed_on_days_off(schedule)
    ]
    lines += [
        render("config.listed_year_ends", lang, file=settings.source, year=year, next=year + 1)
        for year in years_without_next(schedule, today)
    ]
    return lines
