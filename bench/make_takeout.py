#!/usr/bin/env python3
"""Writes a Google Takeout "Fitbit" zip with DAYS days of heart rate (TAKEOUT.md's shapes: one JSON
file per local day of America/New_York, UTC times as MM/dd/yy HH:mm:ss, Jackson's pretty print, the
last sample of a day repeated at the start of the next file), plus a profile with the zone.

    bench/make_takeout.py OUT.zip FIRST_DAY DAYS [MEAN_GAP_SECONDS]

A year at the default 5.5 s gap is about 5.7 million samples. Deterministic for the same arguments."""
import random
import sys
import zipfile
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("America/New_York")


def main():
    out, first, days = sys.argv[1], date.fromisoformat(sys.argv[2]), int(sys.argv[3])
    gap = float(sys.argv[4]) if len(sys.argv) > 4 else 5.5
    rnd = random.Random(42)
    root = "Takeout/Fitbit/"
    total = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(root + "Your Profile/Profile.csv", "id,full_name,display_name,timezone\r\nBENCH1,Bench Person,Bench,America/New_York\r\n")
        previous = None
        for d in range(days):
            day = first + timedelta(days=d)
            start = int(datetime(day.year, day.month, day.day, tzinfo=ZONE).timestamp())
            nxt = day + timedelta(days=1)
            end = int(datetime(nxt.year, nxt.month, nxt.day, tzinfo=ZONE).timestamp())
            t = start + rnd.randint(1, 5)
            parts = []
            if previous is not None:
                parts.append(previous)
            while t < end:
                stamp = datetime.fromtimestamp(t, timezone.utc).strftime("%m/%d/%y %H:%M:%S")
                bpm = rnd.randint(50, 140)
                parts.append('{\n  "dateTime" : "%s",\n  "value" : {\n    "bpm" : %d,\n    "confidence" : %d\n  }\n}' % (stamp, bpm, bpm % 4))
                total += 1
                t += rnd.randint(1, int(2 * gap - 1))
            previous = parts[-1]
            z.writestr(root + "Global Export Data/heart_rate-%s.json" % day, "[" + ",".join(parts) + "]")
    print("%d samples in %d days" % (total, days), file=sys.stderr)


if __name__ == "__main__":
    main()
