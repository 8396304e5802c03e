"""The weekly stance summary: `python -m pipeline summary --week 2025-W27 [--data DIR] [--out DIR]`.

`build_summary(data_dir, week, out_dir)` writes three files for one ISO week:
  summary-<week>.html  self-contained page (inline CSS, PNG charts base64-embedded, no external
                       assets): headline figures, what moved, the week's motions on the letter's
                       themes with their stance per demand, evidence and how each party voted,
                       party x theme vote alignment as a heatmap, change against the previous weeks
  summary-<week>.md    the same content as Markdown tables (no charts)
  summary-<week>.csv   one row per (motion, demand) of the week (columns of `api.motions`)
A week without motions still gets its three files, saying so; a week whose motions have no
vote data says that and still lists the motions' stances. Labels and thresholds come from
config/report.yaml. The output has no timestamps: the same data gives the same files.
"""
from __future__ import annotations

import base64
import functools
import html
import io
import logging
import re
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from . import aggregate, api, paths, schemas, store

log = logging.getLogger(__name__)

_WEEK = re.compile(r"^\d{4}-W\d{2}$")
VOTE_NAMES = {"voor": "voor", "tegen": "tegen", "niet_deelgenomen": "niet deelgenomen", "verdeeld": "verdeeld"}
LABEL_NL = {"pro": "pro", "contra": "contra", "neutral": "neutraal"}


@functools.lru_cache(maxsize=1)
def config() -> dict:
    with open(paths.CONFIG_DIR / "report.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def theme_name(theme: str) -> str:
    return config()["themes"].get(theme, theme)


def demand_name(demand: str) -> str:
    return config()["demands"].get(demand, demand.replace("_", " "))


# --- the week's numbers -------------------------------------------------------------------------
def resolve_week(data: api.Processed, week: str) -> str:
    """'last' -> the latest ISO week with motions; otherwise check the format."""
    if week == "last":
        weeks = api.weeks(data)
        if not weeks:
            raise ValueError("the data holds no motions with a date, so there is no last week")
        return weeks[-1]
    if not _WEEK.match(week or ""):
        raise ValueError(f"--week must look like 2025-W27 or be 'last', not {week!r}")
    api.week_bounds(week)  # raises for a week that does not exist (2023-W54)
    return week


def previous_weeks(week: str, n: int) -> list[str]:
    monday = pd.Timestamp(api.week_bounds(week)[0])
    return [_iso(monday - pd.Timedelta(weeks=k)) for k in range(n, 0, -1)]


def _iso(ts: pd.Timestamp) -> str:
    iso = ts.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _alignment_by(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """(agree - disagree) / (agree + disagree) per key: the alignment over the votes that score."""
    if frame.empty:
        return pd.DataFrame(columns=[*keys, "alignment", "n_scored", "n_motions"])
    g = frame.groupby(keys, sort=True)[["n_agree", "n_disagree", "n_motions"]].sum().reset_index()
    g["n_scored"] = g["n_agree"] + g["n_disagree"]
    g["alignment"] = np.where(g["n_scored"] > 0,
                              (g["n_agree"] - g["n_disagree"]) / g["n_scored"].where(g["n_scored"] > 0, 1), np.nan)
    return g[[*keys, "alignment", "n_scored", "n_motions"]]


def week_summary(data: api.Processed, week: str) -> dict:
    """Everything the page shows, as plain data (tested separately from the rendering)."""
    cfg = config()
    start, end = api.week_bounds(week)
    docs = data.documents
    week_motions = docs[(docs["doc_type"] == "motion") & (docs["date"] >= start) & (docs["date"] <= end)]
    rows = api.motions(data, week=week)
    prev = previous_weeks(week, int(cfg["previous_weeks"]))
    wa = data.weekly_alignment
    this_align = _alignment_by(wa[wa["week"] == week], ["party", "theme"])
    prev_align = _alignment_by(wa[wa["week"].isin(prev)], ["party", "theme"])
    change = this_align.merge(prev_align, on=["party", "theme"], how="outer", suffixes=("", "_prev"))
    change["delta"] = change["alignment"] - change["alignment_prev"]
    ws = data.weekly_stances
    trend_weeks = [*prev, week]
    trend = ws[ws["week"].isin(trend_weeks)].groupby("week")[["n_pro", "n_contra", "n_neutral"]].sum()
    trend = trend.reindex(trend_weeks, fill_value=0)
    motion_ids = list(dict.fromkeys(rows["doc_id"]))
    theme_only = theme_only_motions(data, week_motions, set(motion_ids))
    with_votes = set(rows.loc[rows["has_votes"], "doc_id"])
    result_of = rows.drop_duplicates("doc_id").set_index("doc_id")["result"]
    return {
        "week": week, "start": start, "end": end, "previous": prev,
        "n_motions_week": int(len(week_motions)), "motions": rows, "motion_ids": motion_ids,
        "n_with_votes": len(with_votes),
        "n_adopted": int((result_of == "aangenomen").sum()), "n_rejected": int((result_of == "verworpen").sum()),
        "labels": rows["label"].value_counts().to_dict(),
        "alignment": this_align, "change": change, "trend": trend,
        "moved": what_moved(change, ws, week, prev), "theme_only": theme_only,
    }


def theme_only_motions(data: api.Processed, week_motions: pd.DataFrame, with_stance: set[str]) -> pd.DataFrame:
    """Motions of the week on a theme of the letter (theme model) without a stance on any demand."""
    cols = ["doc_id", "date", "title", "party", "themes", "result"]
    theme_cols = [c for c in schemas.THEME_COLUMNS if c in data.passages.columns]
    if not theme_cols or week_motions.empty:
        return pd.DataFrame(columns=cols)
    threshold = float(config()["theme_threshold"])
    p = data.passages[(data.passages["level"] == "document") & data.passages["doc_id"].isin(set(week_motions["doc_id"]))
                      & ~data.passages["doc_id"].isin(with_stance)]
    probs = p[theme_cols].to_numpy(dtype=float)
    hit = (probs >= threshold).any(axis=1)
    if not hit.any():
        return pd.DataFrame(columns=cols)
    names = [", ".join(theme_name(c.removeprefix("theme_")) for c, on in zip(theme_cols, row) if on)
             for row in probs[hit] >= threshold]
    found = pd.DataFrame({"doc_id": p.loc[hit, "doc_id"].to_numpy(), "themes": names})
    out = found.merge(week_motions[["doc_id", "date", "title", "party", "metadata"]], on="doc_id", how="left")
    out["result"] = out["metadata"].map(lambda m: aggregate._metadata(m).get("result") or "–")
    return out[cols].sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)


def what_moved(change: pd.DataFrame, weekly_stances: pd.DataFrame, week: str, prev: list[str]) -> list[str]:
    """Short sentences: party x theme alignments that shifted, demands newly or much more on the agenda."""
    cfg = config()
    lines: list[tuple[float, str]] = []
    moved = change.dropna(subset=["delta"])
    moved = moved[moved["delta"].abs() >= float(cfg["moved_threshold"])]
    # parties that made the same move on a theme share one line: a week with one decisive motion
    # otherwise floods the list with twenty identical sentences
    moved = moved.assign(_now=moved["alignment"].round(2), _before=moved["alignment_prev"].round(2))
    for (theme, now_value, before_value), grp in moved.groupby(["theme", "_now", "_before"], sort=True):
        delta = now_value - before_value
        direction = "meer met" if delta > 0 else "meer tegen"
        parties = sorted(grp["party"])
        who = parties[0] if len(parties) == 1 else ", ".join(parties[:-1]) + " en " + parties[-1]
        verb = "stemde" if len(parties) == 1 else "stemden"
        lines.append((abs(delta) + 0.01 * len(parties),
                      f"{who} {verb} op {theme_name(theme)} {direction} de brief: {now_value:+.2f} deze week "
                      f"tegen {before_value:+.2f} in de {len(prev)} weken ervoor."))
    now = weekly_stances[weekly_stances["week"] == week].groupby("demand_id")["n_motions"].sum()
    before = weekly_stances[weekly_stances["week"].isin(prev)].groupby("demand_id")["n_motions"].sum()
    for demand, n in now.items():
        earlier = int(before.get(demand, 0))
        if earlier == 0:
            lines.append((0.5 + n / 10, f"{demand_name(demand)}: {n} motie(s) deze week, geen in de {len(prev)} weken ervoor."))
        elif n >= 2 * max(1.0, earlier / len(prev)) and n >= 3:
            lines.append((0.4 + n / 20, f"{demand_name(demand)}: {n} moties deze week, gemiddeld "
                          f"{earlier / len(prev):.1f} per week ervoor."))
    lines.sort(key=lambda t: (-t[0], t[1]))
    return [text for _, text in lines[: int(cfg["max_moved"])]]


# --- charts -------------------------------------------------------------------------------------
def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return base64.b64encode(buf.getvalue()).decode("ascii")


def heatmap_png(alignment: pd.DataFrame, title: str) -> str | None:
    """Party x theme alignment as a PNG (base64), None when there is nothing to show."""
    if alignment.empty or alignment["alignment"].notna().sum() == 0:
        return None
    from matplotlib.figure import Figure  # no pyplot: no global state, no display needed

    table = alignment.pivot_table(index="party", columns="theme", values="alignment", aggfunc="first")
    table = table.reindex(columns=[t for t in schemas.THEMES if t in table.columns])
    order = table.mean(axis=1).sort_values(ascending=False).index
    table = table.loc[order]
    fig = Figure(figsize=(2.4 + 1.7 * table.shape[1], 1.2 + 0.42 * table.shape[0]))
    ax = fig.subplots()
    image = ax.imshow(table.to_numpy(dtype=float), cmap=config()["colours"]["heatmap"], vmin=-1, vmax=1,
                      aspect="auto")
    ax.set_xticks(range(table.shape[1]), [theme_name(t) for t in table.columns], rotation=20, ha="right")
    ax.set_yticks(range(table.shape[0]), list(table.index))
    for i in range(table.shape[0]):
        for j in range(table.shape[1]):
            value = table.iat[i, j]
            if not np.isnan(value):
                ax.text(j, i, f"{value:+.2f}", ha="center", va="center", fontsize=8,
                        color="white" if abs(value) > 0.6 else "black")
    ax.set_title(title, fontsize=11)
    fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02, label="tegen de brief  ←  →  met de brief")
    return _png(fig)


def trend_png(trend: pd.DataFrame, week: str) -> str | None:
    if trend.to_numpy().sum() == 0:
        return None
    from matplotlib.figure import Figure

    colours = config()["colours"]
    fig = Figure(figsize=(8.5, 2.8))
    ax = fig.subplots()
    x = np.arange(len(trend))
    bottom = np.zeros(len(trend))
    for col, label in (("n_pro", "pro"), ("n_neutral", "neutral"), ("n_contra", "contra")):
        values = trend[col].to_numpy(dtype=float)
        ax.bar(x, values, bottom=bottom, color=colours[label], label=LABEL_NL[label], width=0.7)
        bottom += values
    ax.set_xticks(x, [w[2:] for w in trend.index], fontsize=8)
    ax.get_xticklabels()[-1].set_fontweight("bold")
    ax.set_ylabel("moties × eisen")
    ax.set_title(f"Standpunten van moties per week, t/m {week}", fontsize=11)
    ax.legend(frameon=False, fontsize=8, ncols=3, loc="upper left")
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


# --- rendering ----------------------------------------------------------------------------------
CSS = """
body{font-family:-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;margin:0;background:#f4f5f7;color:#1f2933;line-height:1.45}
main{max-width:1120px;margin:0 auto;padding:24px 28px 48px}
header.top{background:linear-gradient(120deg,#123c69,#1f6f8b);color:#fff;padding:26px 28px;border-radius:14px;margin-bottom:22px}
header.top h1{margin:0 0 4px;font-size:28px} header.top p{margin:0;opacity:.9}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin-top:18px}
.card{background:rgba(255,255,255,.14);border-radius:10px;padding:10px 14px}
.card b{display:block;font-size:26px} .card span{font-size:13px;opacity:.9}
section{background:#fff;border-radius:12px;padding:18px 22px;margin-bottom:18px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h2{margin:0 0 12px;font-size:20px;color:#123c69}
.notice{background:#fff4e5;border-left:4px solid #f0a030;padding:10px 14px;border-radius:6px;margin:10px 0}
ul.moved li{margin:4px 0}
.motion{border:1px solid #e3e7ec;border-radius:10px;padding:12px 16px;margin:12px 0}
.motion h3{margin:0 0 4px;font-size:16px} .meta{color:#52606d;font-size:13px;margin-bottom:8px}
.chip{display:inline-block;border-radius:999px;padding:2px 10px;margin:2px 4px 2px 0;font-size:12.5px;color:#fff;font-weight:600}
.pro{background:#1a9850}.contra{background:#d73027}.neutral{background:#8c8c8c}
.res{display:inline-block;border-radius:6px;padding:1px 8px;font-size:12px;font-weight:600;border:1px solid #9aa5b1;color:#334e68}
.res.aangenomen{background:#e3f9e5;border-color:#57ae5b;color:#207227}.res.verworpen{background:#ffe3e3;border-color:#e66a6a;color:#a61b1b}
blockquote{margin:6px 0 8px;padding:6px 12px;border-left:3px solid #9fb3c8;background:#f7f9fb;font-size:14px;color:#334e68}
.votes{font-size:13px} .vp{display:inline-block;border-radius:5px;padding:1px 7px;margin:2px 3px 2px 0;font-size:12px}
.vp{background:#eceff1;color:#52606d}.vp.verdeeld{background:#fff0c2;color:#7a5b00}
.vp.with{background:#d8f3dc;color:#1b4332;border:1px solid #74c69d}.vp.against{background:#ffd6d6;color:#7a1010;border:1px solid #e88}
table{border-collapse:collapse;width:100%;font-size:13.5px} th,td{border-bottom:1px solid #e3e7ec;padding:5px 8px;text-align:left}
th{background:#f0f4f8;color:#243b53} td:first-child{white-space:nowrap} td.num{text-align:right;font-variant-numeric:tabular-nums}
img{max-width:100%} .legend{font-size:12.5px;color:#52606d} footer{font-size:12px;color:#7b8794;margin-top:20px}
"""


def _cell_colour(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "#ffffff"
    v = 0.55 * max(-1.0, min(1.0, float(value)))  # pastel: the number stays readable
    # white at 0, green towards +1, red towards -1
    if v >= 0:
        r, g, b = int(255 - 229 * v), int(255 - 103 * v), int(255 - 175 * v)
    else:
        r, g, b = int(255 + 40 * v), int(255 + 207 * v), int(255 + 216 * v)
    return f"#{r:02x}{g:02x}{b:02x}"


def _fmt(value, digits=2) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return "–"
    return f"{value:+.{digits}f}"


def _e(text) -> str:
    return html.escape("" if text is None or text is pd.NA else str(text))


def _cut(text, n: int) -> str:
    text = "" if text is None or text is pd.NA else " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + " …"


def _motion_html(grp: pd.DataFrame) -> str:
    cfg = config()
    first = grp.iloc[0]
    result = first["result"] if isinstance(first["result"], str) else None
    chips = "".join(
        f'<span class="chip {_e(r.label)}" title="{_e(r.demand_id)}">{_e(demand_name(r.demand_id))}: '
        f'{_e(LABEL_NL.get(r.label, r.label))} ({r.stance_index:+.2f})</span>' for r in grp.itertuples())
    quotes = []
    for r in grp.drop_duplicates("evidence").itertuples():
        # a title-only motion's evidence is its title, already the heading: no need to quote it twice
        if isinstance(r.evidence, str) and r.evidence.strip() and r.evidence.strip() not in str(first["title"]):
            quotes.append(f"<blockquote>“{_e(_cut(r.evidence, int(cfg['evidence_chars'])))}”</blockquote>")
    if bool(first["has_votes"]):
        # colour: the vote agrees (green) or disagrees (red) with the letter on the motion's first pro/contra demand
        scored = grp[grp["label"].isin(["pro", "contra"])]
        sign = 0 if scored.empty else (1 if scored.iloc[0]["label"] == "pro" else -1)
        parts = []
        for col, name in VOTE_NAMES.items():
            parties = [p for p in str(first[col]).split(";") if p]
            if not parties:
                continue
            direction = {"voor": 1, "tegen": -1}.get(col, 0) * sign
            extra = " with" if direction > 0 else (" against" if direction < 0 else "")
            pills = "".join(f'<span class="vp {col}{extra}">{_e(p)}</span>' for p in parties)
            parts.append(f"<div><b>{_e(name)}</b> ({len(parties)}): {pills}</div>")
        votes = f'<div class="votes">{"".join(parts)}</div>'
    else:
        votes = '<div class="votes"><i>Geen stemgegevens voor deze motie.</i></div>'
    res = f' <span class="res {_e(result)}">{_e(result)}</span>' if result else ""
    return (f'<div class="motion"><h3>{_e(first["title"])}{res}</h3>'
            f'<div class="meta">{_e(first["date"])} · {_e(first["doc_id"])} · ingediend door '
            f'{_e(first["party"] if isinstance(first["party"], str) else "onbekend")}</div>'
            f"<div>{chips}</div>{''.join(quotes)}{votes}</div>")


def _table_html(df: pd.DataFrame, colour_cols: set[str] = frozenset(), num_cols: set[str] = frozenset()) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in df.columns)
    body = []
    for row in df.itertuples(index=False):
        cells = []
        for col, value in zip(df.columns, row):
            if col in colour_cols:
                cells.append(f'<td class="num" style="background:{_cell_colour(value)}">{_fmt(value)}</td>')
            elif col in num_cols:
                cells.append(f'<td class="num">{_e(value)}</td>')
            else:
                cells.append(f"<td>{_e(value)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _change_table(change: pd.DataFrame) -> pd.DataFrame:
    if change.empty:
        return pd.DataFrame()
    change = change[change["alignment"].notna()]  # rows the week says something about
    if change.empty:
        return pd.DataFrame()
    t = change.assign(thema=change["theme"].map(theme_name))
    t = t.sort_values(["party", "theme"])[["party", "thema", "alignment", "alignment_prev", "delta"]]
    return t.rename(columns={"party": "partij", "alignment": "deze week", "alignment_prev": "weken ervoor",
                             "delta": "verschil"})


def render_html(s: dict, data: api.Processed) -> str:
    week, rows = s["week"], s["motions"]
    labels = s["labels"]
    n = len(s["motion_ids"])
    cards = [
        (n, f"moties met een standpunt op een eis van de brief (van {s['n_motions_week']} deze week)"),
        (f"{labels.get('pro', 0)} / {labels.get('contra', 0)} / {labels.get('neutral', 0)}",
         "standpunten pro / contra / neutraal"),
        (f"{s['n_with_votes']} / {n}", "moties met stemuitslag"),
        (f"{s['n_adopted']} / {s['n_rejected']}", "aangenomen / verworpen"),
    ]
    card_html = "".join(f'<div class="card"><b>{_e(v)}</b><span>{_e(t)}</span></div>' for v, t in cards)
    parts = [f'<header class="top"><h1>Weekoverzicht {_e(week)}</h1>'
             f"<p>Moties in de Tweede Kamer van {_e(s['start'])} t/m {_e(s['end'])}, gemeten tegen de eisen "
             f"uit de brief van VluchtelingenWerk Nederland aan de informateur.</p>"
             f'<div class="cards">{card_html}</div></header>']
    if n == 0:
        parts.append(f'<section><h2>Geen moties</h2><div class="notice">In week {_e(week)} is geen motie gevonden '
                     f"die een eis uit de brief raakt ({s['n_motions_week']} moties in totaal deze week).</div>"
                     f"{_nearby_weeks_html(data, week)}</section>")
    else:
        if s["n_with_votes"] == 0:
            parts.append('<section><div class="notice"><b>Geen stemgegevens.</b> Voor de moties van deze week '
                         "zijn geen stemuitslagen beschikbaar; hieronder staan wel hun standpunten. De "
                         "partij-analyse van het stemgedrag ontbreekt daarom voor deze week.</div></section>")
        elif s["n_with_votes"] < n:
            parts.append(f'<section><div class="notice">Van {n - s["n_with_votes"]} van de {n} moties zijn '
                         "geen stemgegevens beschikbaar; zij tellen niet mee in de stemanalyse.</div></section>")
        moved = "".join(f"<li>{_e(line)}</li>" for line in s["moved"]) or \
            "<li>Geen verschuivingen boven de drempel ten opzichte van de vorige weken.</li>"
        parts.append(f'<section><h2>Wat bewoog er</h2><ul class="moved">{moved}</ul></section>')
        motions_html = "".join(_motion_html(g) for _, g in rows.groupby("doc_id", sort=False))
        parts.append('<section><h2>Moties van deze week</h2><p class="legend">Gekleurde labels: standpunt van de '
                     "motie per eis (pro = in lijn met de brief). Partijen: groen = stemde in lijn met de "
                     f"brief, rood = ertegen, grijs = neutrale motie of niet deelgenomen.</p>{motions_html}</section>")
        if len(s["theme_only"]):
            table = s["theme_only"].rename(columns={"date": "datum", "title": "motie", "party": "ingediend door",
                                                    "themes": "thema's", "result": "uitslag"})[
                ["datum", "motie", "ingediend door", "thema's", "uitslag"]]
            parts.append(f"<section><h2>Ook over de thema's ({len(table)})</h2><p class=\"legend\">Moties over een thema "
                         "van de brief zonder duidelijk standpunt op een van de eisen.</p>" + _table_html(table) + "</section>")
        heat = heatmap_png(s["alignment"], f"Stemgedrag per partij en thema, {week}")
        if heat:
            parts.append('<section><h2>Partij × thema: stemmen in lijn met de brief</h2><p class="legend">+1: elke '
                         "stem van de partij deze week was in lijn met de brief; −1: elke stem ertegen. Alleen "
                         "moties met een pro- of contrastandpunt tellen; niet deelgenomen en verdeeld tellen niet."
                         f'</p><img alt="heatmap" src="data:image/png;base64,{heat}"></section>')
        change = _change_table(s["change"])
        trend = trend_png(s["trend"], week)
        change_html = ""
        if trend:
            change_html += f'<img alt="trend" src="data:image/png;base64,{trend}">'
        if not change.empty:
            change_html += (f"<p class=\"legend\">Vote-alignment deze week tegen de {len(s['previous'])} weken "
                            "ervoor (– = geen stemmen).</p>" + _table_html(
                                change, colour_cols={"deze week", "weken ervoor", "verschil"}))
        if change_html:
            parts.append(f"<section><h2>Verandering ten opzichte van de vorige weken</h2>{change_html}</section>")
    models = data.provenance.get("models") if isinstance(data.provenance, dict) else None
    footer = ("Modellen: " + _e(", ".join(f"{k}: {v}" for k, v in sorted(models.items())))
              if isinstance(models, dict) else "")
    parts.append(f"<footer>Gegenereerd door <code>python -m pipeline summary</code> uit de verwerkte gegevens. "
                 f"Standpunten zijn automatisch bepaald en kunnen fouten bevatten; controleer het citaat. {footer}"
                 "</footer>")
    return ("<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            f"<title>Weekoverzicht {_e(week)}</title><style>{CSS}</style></head><body><main>"
            + "".join(parts) + "</main></body></html>\n")


def _nearby_weeks_html(data: api.Processed, week: str) -> str:
    weeks = api.weeks(data)
    before = [w for w in weeks if w < week][-3:]
    after = [w for w in weeks if w > week][:3]
    if not (before or after):
        return "<p>De gegevens bevatten geen moties met een datum.</p>"
    return f"<p>Weken met moties in de buurt: {_e(', '.join(before + after))}.</p>"


def render_markdown(s: dict) -> str:
    week, rows = s["week"], s["motions"]
    n = len(s["motion_ids"])
    lines = [f"# Weekoverzicht {week}", "",
             f"Moties van {s['start']} t/m {s['end']}, gemeten tegen de eisen uit de brief van VluchtelingenWerk "
             "Nederland.", "",
             f"- Moties met een standpunt op een eis van de brief: **{n}** (van {s['n_motions_week']} deze week)",
             f"- Standpunten pro / contra / neutraal: {s['labels'].get('pro', 0)} / {s['labels'].get('contra', 0)} / "
             f"{s['labels'].get('neutral', 0)}",
             f"- Met stemuitslag: {s['n_with_votes']} van {n}; aangenomen {s['n_adopted']}, verworpen {s['n_rejected']}",
             ""]
    if n == 0:
        lines += [f"**Geen moties** in week {week} die een eis uit de brief raken.", ""]
        return "\n".join(lines)
    if s["n_with_votes"] == 0:
        lines += ["**Geen stemgegevens** voor de moties van deze week; hun standpunten staan hieronder.", ""]
    lines += ["## Wat bewoog er", ""] + [f"- {m}" for m in s["moved"] or
                                          ["Geen verschuivingen boven de drempel."]] + [""]
    lines += ["## Moties van deze week", "",
              "| datum | motie | eis | standpunt | uitslag | voor | tegen | niet deelgenomen |",
              "|---|---|---|---|---|---|---|---|"]
    for r in rows.itertuples():
        def cell(text):
            return str(text if isinstance(text, str) else "").replace("|", "/").replace(";", ", ")
        lines.append(f"| {r.date} | {cell(r.title)} ({r.doc_id}) | {demand_name(r.demand_id)} | {r.label} "
                     f"{r.stance_index:+.2f} | {cell(r.result) or '–'} | "
                     f"{cell(r.voor) if r.has_votes else 'geen stemgegevens'} | {cell(r.tegen)} | "
                     f"{cell(r.niet_deelgenomen)} |")
    lines.append("")
    if len(s["theme_only"]):
        lines += ["## Ook over de thema's (zonder standpunt op een eis)", ""]
        lines += [f"- {r.date} {r.title} ({r.doc_id}): {r.themes}; uitslag {r.result}"
                  for r in s["theme_only"].itertuples()] + [""]
    change = _change_table(s["change"])
    if not change.empty:
        lines += [f"## Stemgedrag per partij en thema (deze week tegen de {len(s['previous'])} weken ervoor)", "",
                  "| " + " | ".join(change.columns) + " |", "|" + "---|" * len(change.columns)]
        for row in change.itertuples(index=False):
            lines.append("| " + " | ".join(v if isinstance(v, str) else _fmt(v) for v in row) + " |")
        lines.append("")
    return "\n".join(lines)


def build_summary(data_dir, week: str, out_dir) -> dict[str, Path]:
    """Write summary-<week>.html/.md/.csv into out_dir; returns {"html", "md", "csv"} paths.

    >>> build_summary("data/processed", "last", "reports")   # doctest: +SKIP
    """
    data = api.load(data_dir)
    week = resolve_week(data, week)
    s = week_summary(data, week)
    out_dir = Path(out_dir)
    rows = s["motions"].assign(demand=s["motions"]["demand_id"].map(demand_name),
                               theme_name=s["motions"]["theme"].map(theme_name))
    return {
        "html": store.write_text(render_html(s, data), out_dir / f"summary-{week}.html"),
        "md": store.write_text(render_markdown(s), out_dir / f"summary-{week}.md"),
        "csv": store.write_csv(rows, out_dir / f"summary-{week}.csv"),
    }


def _cmd_summary(args) -> int:
    try:
        written = build_summary(args.data, args.week, args.out)
    except (ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}")
        return 2
    for kind, path in written.items():
        print(f"{kind}: {path}")
    return 0


def register_cli(sub) -> None:
    p = sub.add_parser("summary", help="weekly stance summary (HTML + Markdown + CSV) of one ISO week")
    p.add_argument("--week", required=True, help="ISO week like 2025-W27, or 'last' for the latest week in the data")
    p.add_argument("--data", default=str(paths.REPO_ROOT / "data" / "processed"),
                   help="folder with the outputs of `run` (default data/processed)")
    p.add_argument("--out", default=str(paths.REPO_ROOT / "reports"), help="where to write (default reports/)")
    p.set_defaults(func=_cmd_summary)
