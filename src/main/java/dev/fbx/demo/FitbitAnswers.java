package dev.fbx.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The demo person in the legacy Fitbit Web API's shapes, for the calls fbx makes: ranges of daily
 * summaries, a day of intraday heart rate, HRV and SpO2 windows with local times without an offset,
 * sleep logs newest first, the profile and the devices.
 */
final class FitbitAnswers {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter FITBIT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final DemoPerson person;

    FitbitAnswers(DemoPerson person) {
        this.person = person;
    }

    ObjectNode profile(LocalDate today) {
        ObjectNode user = JSON.objectNode()
                .put("encodedId", DemoPerson.USER_ID)
                .put("displayName", "Demo")
                .put("fullName", "Demo Account (synthetic)")
                .put("timezone", person.zone().getId())
                .put(
                        "offsetFromUTCMillis",
                        person.zone()
                                        .getRules()
                                        .getOffset(today.atTime(12, 0)
                                                .atZone(person.zone())
                                                .toInstant())
                                        .getTotalSeconds()
                                * 1000L);
        return JSON.objectNode().set("user", user);
    }

    ArrayNode devices(LocalDate today) {
        ArrayNode devices = JSON.arrayNode();
        devices.addObject()
                .put("battery", "High")
                .put("batteryLevel", 81)
                .put("deviceVersion", "Charge 6")
                .put("id", "1000001")
                .put("lastSyncTime", FITBIT_TIME.format(today.atTime(7, 42, 10)))
                .put("type", "TRACKER");
        return devices;
    }

    ObjectNode heartRateDays(LocalDate start, LocalDate end) {
        ArrayNode days = JSON.arrayNode();
        for (LocalDate date = start; !date.isAfter(end); date = date.plusDays(1)) {
            int[] zoneMinutes = person.zoneMinutes(date);
            ArrayNode zones = JSON.arrayNode();
            String[] names = {"Out of Range", "Fat Burn", "Cardio", "Peak"};
            int[] bounds = {30, DemoPerson.FAT_BURN, DemoPerson.CARDIO, DemoPerson.PEAK, 220};
            double[] caloriesPerMinute = {1.2, 6.1, 9.4, 11.8};
            for (int i = 0; i < 4; i++) {
                zones.addObject()
                        .put("caloriesOut", DemoPerson.round(zoneMinutes[i] * caloriesPerMinute[i], 5))
                        .put("max", bounds[i + 1])
                        .put("min", bounds[i])
                        .put("minutes", zoneMinutes[i])
                        .put("name", names[i]);
            }
            ObjectNode value = JSON.objectNode();
            value.set("customHeartRateZones", JSON.arrayNode());
            value.set("heartRateZones", zones);
            value.put("restingHeartRate", person.restingHeartRate(date));
            days.addObject().put("dateTime", date.toString()).set("value", value);
        }
        return JSON.objectNode().set("activities-heart", days);
    }

    /** @param detail {@code 1sec}, {@code 1min}, {@code 5min} or {@code 15min} */
    ObjectNode heartRateIntraday(LocalDate date, String detail) {
        ArrayNode dataset = JSON.arrayNode();
        if (detail.equals("1sec")) {
            int[] samples = person.heartRateBySample(date);
            for (int i = 0; i < samples.length; i++) {
                if (samples[i] >= 0) {
                    dataset.addObject()
                            .put("time", CLOCK.format(LocalTime.ofSecondOfDay((long) i * DemoPerson.SAMPLE_SECONDS)))
                            .put("value", samples[i]);
                }
            }
        } else {
            int[] perMinute = person.heartRateByMinute(date);
            int window = Integer.parseInt(detail.substring(0, detail.length() - "min".length()));
            for (int m = 0; m < perMinute.length; m += window) {
                int sum = 0;
                int n = 0;
                for (int i = m; i < m + window; i++) {
                    if (perMinute[i] >= 0) {
                        sum += perMinute[i];
                        n++;
                    }
                }
                if (n > 0) {
                    dataset.addObject()
                            .put("time", CLOCK.format(LocalTime.of(m / 60, m % 60)))
                            .put("value", Math.round(sum / (double) n));
                }
            }
        }
        ObjectNode intraday = JSON.objectNode();
        intraday.set("dataset", dataset);
        intraday.put("datasetInterval", detail.equals("1sec") ? 1 : Integer.parseInt(detail.replace("min", "")));
        intraday.put("datasetType", detail.equals("1sec") ? "second" : "minute");
        ObjectNode body = heartRateDays(date, date);
        body.set("activities-heart-intraday", intraday);
        return body;
    }

    ObjectNode hrv(LocalDate start, LocalDate end) {
        ArrayNode days = JSON.arrayNode();
        for (LocalDate date = start; !date.isAfter(end); date = date.plusDays(1)) {
            DemoPerson.HrvNight night = person.hrvNight(date);
            if (night == null) {
                continue;
            }
            ObjectNode value =
                    JSON.objectNode().put("dailyRmssd", night.daily()).put("deepRmssd", night.deep());
            days.addObject().<ObjectNode>set("value", value).put("dateTime", date.toString());
        }
        return JSON.objectNode().set("hrv", days);
    }

    ObjectNode hrvIntraday(LocalDate start, LocalDate end) {
        ArrayNode days = JSON.arrayNode();
        for (LocalDate date = start; !date.isAfter(end); date = date.plusDays(1)) {
            List<DemoPerson.Window> windows = person.hrvWindows(date);
            if (windows.isEmpty()) {
                continue;
            }
            ArrayNode minutes = JSON.arrayNode();
            for (DemoPerson.Window w : windows) {
                ObjectNode value = JSON.objectNode()
                        .put("rmssd", w.rmssd())
                        .put("coverage", w.coverage())
                        .put("hf", w.hf())
                        .put("lf", w.lf());
                minutes.addObject()
                        .put("minute", FITBIT_TIME.format(w.minute()))
                        .set("value", value);
            }
            days.addObject().<ObjectNode>set("minutes", minutes).put("dateTime", date.toString());
        }
        return JSON.objectNode().set("hrv", days);
    }

    /** Fitbit answers SpO2 ranges with a bare list. */
    ArrayNode spo2(LocalDate start, LocalDate end) {
        ArrayNode days = JSON.arrayNode();
        for (LocalDate date = start; !date.isAfter(end); date = date.plusDays(1)) {
            DemoPerson.Spo2Night night = person.spo2Night(date);
            if (night != null) {
                ObjectNode value = JSON.objectNode()
                        .put("avg", night.average())
                        .put("min", night.min())
                        .put("max", night.max());
                days.addObject().put("dateTime", date.toString()).set("value", value);
            }
        }
        return days;
    }

    /** SpO2 readings per night ({@code dateTime}, the day the sleep ends on), local times without an offset; a bare list too. */
    ArrayNode spo2Intraday(LocalDate start, LocalDate end) {
        ArrayNode days = JSON.arrayNode();
        for (LocalDate date = start; !date.isAfter(end); date = date.plusDays(1)) {
            List<DemoPerson.Spo2Reading> readings = person.spo2Readings(date);
            if (!readings.isEmpty()) {
                ArrayNode minutes = JSON.arrayNode();
                readings.forEach(reading -> minutes.addObject()
                        .put("value", reading.percentage())
                        .put("minute", SECONDS.format(reading.time().toLocalDateTime())));
                days.addObject().put("dateTime", date.toString()).set("minutes", minutes);
            }
        }
        return days;
    }

    ObjectNode breathingRate(LocalDate start, LocalDate end) {
        ArrayNode days = JSON.arrayNode();
        for (LocalDate date = start; !date.isAfter(end); date = date.plusDays(1)) {
            Double rate = person.breathingRate(date);
            if (rate != null) {
                days.addObject()
                        .<ObjectNode>set("value", JSON.objectNode().put("breathingRate", rate))
                        .put("dateTime", date.toString());
            }
        }
        return JSON.objectNode().set("br", days);
    }

    ObjectNode skinTemperature(LocalDate start, LocalDate end) {
        ArrayNode days = JSON.arrayNode();
        for (LocalDate date = start; !date.isAfter(end); date = date.plusDays(1)) {
            Double relative = person.relativeSkinTemperature(date);
            if (relative != null) {
                days.addObject()
                        .put("dateTime", date.toString())
                        .<ObjectNode>set("value", JSON.objectNode().put("nightlyRelative", relative))
                        .put("logType", "dedicated_temp_sensor");
            }
        }
        return JSON.objectNode().set("tempSkin", days);
    }

    ObjectNode sleep(LocalDate start, LocalDate end) {
        List<ObjectNode> logs = new ArrayList<>();
        for (LocalDate date = start; !date.isAfter(end); date = date.plusDays(1)) {
            DemoPerson.Night night = person.night(date);
            if (night.recorded()) {
                ObjectNode summary = JSON.objectNode();
                stage(summary, "deep", 4, night.deep());
                stage(summary, "light", 27, night.light());
                stage(summary, "rem", 6, night.rem());
                stage(summary, "wake", 25, night.awake());
                logs.add(log(
                        date, night.start(), night.end(), true, night.asleep(), night.awake(), "stages", summary, 0));
            }
            DemoPerson.Nap nap = person.nap(date);
            if (nap != null) {
                ObjectNode summary = JSON.objectNode();
                stage(summary, "asleep", 0, nap.asleep());
                stage(summary, "restless", 2, nap.restless());
                stage(summary, "awake", 1, nap.awake());
                logs.add(log(
                        date,
                        nap.start(),
                        nap.end(),
                        false,
                        nap.asleep(),
                        nap.restless() + nap.awake(),
                        "classic",
                        summary,
                        1));
            }
        }
        // Fitbit lists the newest sleep first.
        Collections.reverse(logs);
        return JSON.objectNode().set("sleep", JSON.arrayNode().addAll(logs));
    }

    private static void stage(ObjectNode summary, String name, int count, int minutes) {
        summary.putObject(name).put("count", count).put("minutes", minutes).put("thirtyDayAvgMinutes", minutes);
    }

    private static ObjectNode log(
            LocalDate date,
            ZonedDateTime start,
            ZonedDateTime end,
            boolean main,
            int asleep,
            int awake,
            String type,
            ObjectNode summary,
            int index) {
        int inBed = asleep + awake;
        ObjectNode log = JSON.objectNode()
                .put("dateOfSleep", date.toString())
                .put("duration", Duration.between(start, end).toMillis())
                .put("efficiency", Math.round(100.0 * asleep / inBed))
                .put("endTime", FITBIT_TIME.format(end.toLocalDateTime()))
                .put("infoCode", 0)
                .put("isMainSleep", main);
        log.putObject("levels").set("summary", summary);
        return log.put("logId", 40_000_000_000L + date.toEpochDay() * 10 + index)
                .put("logType", "auto_detected")
                .put("minutesAfterWakeup", 0)
                .put("minutesAsleep", asleep)
                .put("minutesAwake", awake)
                .put("minutesToFallAsleep", 0)
                .put("startTime", FITBIT_TIME.format(start.toLocalDateTime()))
                .put("timeInBed", inBed)
                .put("type", type);
    }
}
