"""Checks a rendered settlement or evaluation report against its JSON.

Usage: check_report_dom.py JSON DOM_HTML SCREENSHOT_PNG LOCALE

JSON is a settlement.json or the output of `capitation evaluate --json`. The screenshot must not be blank;
the DOM (as the browser rendered it) must hold each key figure, marked data-figure, with the cents of the
JSON in data-cents and, as its text, those cents formatted here, independently of the program, for the
locale.
"""
import json
import os
import sys
from html.parser import HTMLParser

from PIL import Image


def euros(cents, locale):
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    grouped = f"{whole:,}"
    if locale == "nl":
        return ("€ -" if sign else "€ ") + grouped.replace(",", ".") + f",{rest:02d}"
    return sign + "€ " + grouped + f".{rest:02d}"


def expected_figures(document):
    """The key figures the page must show, by name, in cents."""
    if document["format"].startswith("capitation-evaluation/"):
        expected = {"effect:" + row["regime"]: row["effectCents"] for row in document["rows"]}
        net = document["net"]
        expected["gross-effect"] = net["grossEffectCents"]
        expected["net-effect"] = net["netEffectCents"]
        expected["savings"] = net["savingsCents"]
        expected["savings-beyond-effect"] = net["savingsBeyondEffectCents"]
        for financier in net["financiers"]:
            expected["net-effect:" + financier["party"]] = financier["netEffectCents"]
        return expected
    # The summary says a saving as it is and a loss by its size; budget and expenditure equal, neither.
    savings = document["totals"]["savingsCents"]
    expected = {"total-savings": savings} if savings > 0 else ({"total-loss": -savings} if savings < 0 else {})
    if document["sharing"]["payoutCents"] > 0:
        expected["payout"] = document["sharing"]["payoutCents"]
    for party in document["parties"]:
        expected["net:" + party["party"]] = party["netCents"]
    run_out = document.get("runOut")
    if run_out:
        if run_out["receivedAfterCutOff"]["lines"] > 0:
            expected["received-after-cut-off"] = run_out["receivedAfterCutOff"]["amountCents"]
        if run_out["stage"] == "provisional":
            expected["not-yet-received"] = sum(regime["notYetReceivedCents"] for regime in document["regimes"])
        for line in (run_out["trueUp"] or {}).get("parties", []):
            expected["true-up:" + line["party"]] = line["changeCents"]
    return expected


class Figures(HTMLParser):
    def __init__(self):
        super().__init__()
        self.figures = {}
        self.current = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "data-figure" in attributes:
            self.current = attributes["data-figure"]
            self.figures[self.current] = [int(attributes["data-cents"]), ""]

    def handle_data(self, data):
        if self.current:
            self.figures[self.current][1] += data

    def handle_endtag(self, tag):
        self.current = None


def main():
    settlement_path, dom_path, png_path, locale = sys.argv[1:5]
    with open(settlement_path, encoding="utf-8") as file:
        settlement = json.load(file)
    parser = Figures()
    with open(dom_path, encoding="utf-8") as file:
        parser.feed(file.read())
    expected = expected_figures(settlement)
    problems = []
    for name, cents in expected.items():
        found = parser.figures.get(name)
        if found is None:
            problems.append(f"{name}: not on the rendered page")
        elif found[0] != cents or found[1] != euros(cents, locale):
            problems.append(f"{name}: the page shows {found[1]!r} ({found[0]} cents), the JSON {cents} cents = {euros(cents, locale)!r}")
    image = Image.open(png_path).convert("RGB")
    width, height = image.size
    colours = image.getcolors(maxcolors=1 << 20) or []
    ink = sum(count for count, colour in colours if colour != (255, 255, 255))
    if len(colours) < 16 or ink * 50 < width * height:
        problems.append(f"the screenshot looks blank: {len(colours)} colours, {ink} of {width * height} pixels not white")
    if problems:
        print(f"{locale}: " + "\n".join(problems), file=sys.stderr)
        sys.exit(1)
    print(f"{locale}: {len(expected)} figures match {os.path.basename(settlement_path)}; screenshot {width}×{height}, {len(colours)} colours")


main()
