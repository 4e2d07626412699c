#!/usr/bin/env python3
"""Writes a Google Takeout "Fitbit" zip with DAYS days of heart rate (docs/archive-formats.md's shapes: one
JSON file per local day of America/New_York, UTC times as MM/dd/yy HH:mm:ss, Jackson's pretty print, the
last sample of a day repeated at the start of the next file), plus a profile with the zone.

    bench/make_takeout.py OUT.zip FIRST_DAY DAYS [MEAN_GAP_SECONDS] [--csv-twins] [--level N]

--csv-twins also writes the _GoogleData family's twins of the same samples, as real exports from 2024 on
have them: Physical Activity_GoogleData/heart_rate_YYYY-MM-DD.csv per UTC day, `timestamp,beats per
minute,data source` (2026's shape), bpm as a float, and about one sample in 500 that only the CSV holds
(a real 2026 day had 450 such instants). --level is the deflate level (default 6, zlib's default).

A year at the default 5.5 s gap is about 5.7 million samples; half a year of real 1-second heart rate
(143 days, 3.3 million samples) is `143 3.744`. Deterministic for the same arguments."""
import argparse
import random
import sys
import zipfile
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("America/New_York")
ROOT = "Takeout/Fitbit/"


def main():
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("out")
    args.add_argument("first", type=date.fromisoformat)
    args.add_argument("days", type=int)
    args.add_argument("gap", type=float, nargs="?", default=5.5)
    args.add_argument("--csv-twins", action="store_true")
    args.add_argument("--level", type=int, default=6)
    a = args.parse_args()
    rnd = random.Random(42)
    total = csv_only = 0
    # The CSV twins by UTC day, written once no later local day can add to them.
    twins = {}
    with zipfile.ZipFile(a.out, "w", zipfile.ZIP_DEFLATED, compresslevel=a.level) as z:
        z.writestr(ROOT + "Your Profile/Profile.csv", "id,full_name,display_name,timezone\r\nBENCH1,Bench Person,Bench,America/New_York\r\n")
        previous = None
        for d in range(a.days):
            day = a.first + timedelta(days=d)
            start = int(datetime(day.year, day.month, day.day, tzinfo=ZONE).timestamp())
            nxt = day + timedelta(days=1)
            end = int(datetime(nxt.year, nxt.month, nxt.day, tzinfo=ZONE).timestamp())
            t = start + rnd.randint(1, 5)
            parts = []
            if previous is not None:
                parts.append(previous)
            while t < end:
                utc = datetime.fromtimestamp(t, timezone.utc)
                bpm = rnd.randint(50, 140)
                parts.append('{\n  "dateTime" : "%s",\n  "value" : {\n    "bpm" : %d,\n    "confidence" : %d\n  }\n}' % (utc.strftime("%m/%d/%y %H:%M:%S"), bpm, bpm % 4))
                total += 1
                step = 1 + int(rnd.random() * (2 * a.gap - 1))
                if a.csv_twins:
                    twin = twins.setdefault(utc.date(), ["timestamp,beats per minute,data source\n"])
                    twin.append("%s,%d.0,Inspire 3\n" % (utc.strftime("%Y-%m-%dT%H:%M:%SZ"), bpm))
                    if step > 1 and rnd.randrange(500) == 0:
                        extra = datetime.fromtimestamp(t + 1, timezone.utc)
                        twin.append("%s,%d.0,Inspire 3\n" % (extra.strftime("%Y-%m-%dT%H:%M:%SZ"), bpm))
                        csv_only += 1
                t += step
            previous = parts[-1]
            z.writestr(ROOT + "Global Export Data/heart_rate-%s.json" % day, "[" + ",".join(parts) + "]")
            done = datetime.fromtimestamp(end, timezone.utc).date()
            for utc_day in sorted(u for u in twins if u < done or d == a.days - 1):
                z.writestr(ROOT + "Physical Activity_GoogleData/heart_rate_%s.csv" % utc_day, "".join(twins.pop(utc_day)))
    print("%d samples in %d days%s" % (total, a.days, ", %d more only in the CSV twins" % csv_only if a.csv_twins else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
