#!/usr/bin/env python3
"""A local stand-in for the Fitbit Web API for fbx's benchmarks (loopback only, no TLS).

Serves heart-rate data in the documented shapes: daily summaries for any range, and a full day of
intraday samples for any date at the requested detail (1sec = 86,400 samples, every second, the
densest a real account can have). Every response carries generous Fitbit-Rate-Limit-* headers so
fbx never waits. GET /__count returns the number of API requests served since the last
/__count and resets it, so a benchmark can count the requests one command made.

    python3 bench/fake_fitbit.py PORT
"""
import json
import random
import re
import sys
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STEP = {"1sec": 1, "1min": 60, "5min": 300, "15min": 900}
INTRADAY = re.compile(r"^/1/user/-/activities/heart/date/(\d{4}-\d{2}-\d{2})/1d/(1sec|1min|5min|15min)\.json$")
SUMMARY = re.compile(r"^/1/user/-/activities/heart/date/(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})\.json$")
HRV = re.compile(r"^/1/user/-/hrv/date/(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})\.json$")

count = 0
lock = threading.Lock()
_days = {}


def intraday_dataset(detail):
    """The day's samples as JSON text, built once per detail (the same day shape for every date)."""
    if detail not in _days:
        rnd = random.Random(42)
        step = STEP[detail]
        rows = []
        for s in range(0, 86400, step):
            rows.append('{"time":"%02d:%02d:%02d","value":%d}' % (s // 3600, s // 60 % 60, s % 60, 55 + rnd.randint(0, 40)))
        _days[detail] = "[" + ",".join(rows) + "]"
    return _days[detail]


def summary_day(d):
    zones = [{"caloriesOut": 1721.4, "max": 110, "min": 30, "minutes": 1302, "name": "Out of Range"},
             {"caloriesOut": 300.2, "max": 135, "min": 110, "minutes": 95, "name": "Fat Burn"},
             {"caloriesOut": 120.0, "max": 165, "min": 135, "minutes": 12, "name": "Cardio"},
             {"caloriesOut": 0, "max": 220, "min": 165, "minutes": 0, "name": "Peak"}]
    return {"dateTime": d.isoformat(), "value": {"customHeartRateZones": [], "heartRateZones": zones, "restingHeartRate": 58}}


def days(start, end):
    d, last = date.fromisoformat(start), date.fromisoformat(end)
    while d <= last:
        yield d
        d += timedelta(days=1)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, count_it=True):
        global count
        if count_it:
            with lock:
                count += 1
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Fitbit-Rate-Limit-Limit", "1000000")
        self.send_header("Fitbit-Rate-Limit-Remaining", "999999")
        self.send_header("Fitbit-Rate-Limit-Reset", "3600")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        global count
        path = self.path.split("?")[0]
        if path == "/__count":
            with lock:
                n, count = count, 0
            return self.send(200, str(n), count_it=False)
        m = INTRADAY.match(path)
        if m:
            day, detail = m.groups()
            head = '{"activities-heart":[%s],"activities-heart-intraday":{"dataset":' % json.dumps(summary_day(date.fromisoformat(day)))
            tail = ',"datasetInterval":%d,"datasetType":"%s"}}' % (1 if detail == "1sec" else STEP[detail] // 60, "second" if detail == "1sec" else "minute")
            return self.send(200, head + intraday_dataset(detail) + tail)
        m = SUMMARY.match(path)
        if m:
            return self.send(200, json.dumps({"activities-heart": [summary_day(d) for d in days(*m.groups())]}))
        m = HRV.match(path)
        if m:
            hrv = [{"dateTime": d.isoformat(), "value": {"dailyRmssd": 34.5, "deepRmssd": 31.2}} for d in days(*m.groups())]
            return self.send(200, json.dumps({"hrv": hrv}))
        self.send(404, '{"errors":[{"errorType":"not_found","message":"no such resource in the benchmark fake"}]}')


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
