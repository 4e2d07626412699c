#!/usr/bin/env python3
"""The straightforward Python way to do what `fbx --archive ZIP sync --types hr-1sec` does with the
heart rate of a Takeout zip: read each heart_rate-YYYY-MM-DD.json with the json module, turn the UTC
times into the account zone's local time with their offset, keep each instant once, and write one
CSV file per local day (csv module) with the header time,heart_rate.

    bench/takeout_to_csv.py TAKEOUT.zip OUT_DIR"""
import csv
import json
import os
import re
import sys
import zipfile
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

NAME = re.compile(r"/Global Export Data/heart_rate-(\d{4}-\d{2}-\d{2})\.json$")


def main():
    archive, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    with zipfile.ZipFile(archive) as z:
        profile = next(n for n in z.namelist() if n.endswith("Your Profile/Profile.csv"))
        with z.open(profile) as f:
            zone = ZoneInfo(next(csv.DictReader(line.decode() for line in f))["timezone"])
        files = sorted((NAME.search(n).group(1), n) for n in z.namelist() if NAME.search(n))
        days = {}
        for file_day, name in files:
            with z.open(name) as f:
                for sample in json.load(f):
                    t = datetime.strptime(sample["dateTime"], "%m/%d/%y %H:%M:%S").replace(tzinfo=timezone.utc)
                    local = t.astimezone(zone)
                    days.setdefault(local.date(), {})[t] = (local, sample["value"]["bpm"])
            # A local day's samples are in its own file and its neighbours'.
            done = date.fromisoformat(file_day) - timedelta(days=1)
            for day in sorted(d for d in days if d <= done):
                write(out, day, days.pop(day))
        for day in sorted(days):
            write(out, day, days.pop(day))


def write(out, day, samples):
    with open(os.path.join(out, "%s.csv" % day), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["time", "heart_rate"])
        for t in sorted(samples):
            local, bpm = samples[t]
            w.writerow([local.isoformat(), bpm])


if __name__ == "__main__":
    main()
