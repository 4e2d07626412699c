package dev.fbx.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fbx.dataset.Dataset;
import dev.fbx.record.BreathingRateDay;
import dev.fbx.record.HeartRateDay;
import dev.fbx.record.HeartRateSample;
import dev.fbx.record.HrvDay;
import dev.fbx.record.Row;
import dev.fbx.record.SkinTemperatureDay;
import dev.fbx.record.Sleep;
import dev.fbx.record.Spo2Day;
import dev.fbx.sink.Sink;
import dev.fbx.sink.postgres.PostgresSink;
import dev.fbx.sink.postgres.PostgresUrl;
import dev.fbx.support.TestPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * config/grafana/: the provisioning files parse and point at each other, and every panel's SQL,
 * with Grafana's macros expanded as Grafana expands them for PostgreSQL, runs against tables the
 * database sink created and returns the selected account's rows, and only those.
 */
class GrafanaDashboardTest {
    static final Path GRAFANA = Path.of("config", "grafana");
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final LocalDate FIRST = LocalDate.of(2024, 3, 1);
    static final int DAYS = 30;
    static final ZoneOffset CET = ZoneOffset.ofHours(1);
    static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]+)\\)");
    static final Pattern TIME_GROUP_ALIAS = Pattern.compile("\\$__timeGroupAlias\\(([^,]+),\\s*\\$__interval\\)");

    TestPostgres pg = TestPostgres.server();
    String database;

    @BeforeEach
    void syncedAccounts() {
        database = pg.createDatabase();
        PostgresUrl url = PostgresUrl.parse(pg.url(database), Map.of());
        try (PostgresSink a = PostgresSink.open(url, Optional.of(TestPostgres.PASSWORD), "A1");
                PostgresSink b = PostgresSink.open(url, Optional.of(TestPostgres.PASSWORD), "B2")) {
            a.since(FIRST);
            b.since(FIRST);
            for (int i = 0; i < DAYS; i++) {
                LocalDate day = FIRST.plusDays(i);
                write(a, Dataset.HR_DAY, day, new HeartRateDay(day, 55 + i % 5, 1200, 60, 10, 0));
                write(b, Dataset.HR_DAY, day, new HeartRateDay(day, 65 + i % 3, 1300, 40, 5, 0));
                write(a, Dataset.HRV_DAY, day, new HrvDay(day, 40.0 + i % 9, 45.5, 52.0, 2.4));
                write(a, Dataset.SPO2, day, new Spo2Day(day, 95.5, 93.0, 98.0));
                write(a, Dataset.BR, day, new BreathingRateDay(day, 14.2));
                write(a, Dataset.TEMP, day, new SkinTemperatureDay(day, -0.3 + i % 4 * 0.2));
                write(
                        a,
                        Dataset.SLEEP,
                        day,
                        new Sleep(
                                day,
                                day.minusDays(1).atTime(23, 0).atOffset(CET),
                                day.atTime(7, 0).atOffset(CET),
                                true,
                                440,
                                40,
                                80,
                                240,
                                120,
                                40));
                List<Row> minutes = new ArrayList<>();
                for (int m = 0; m < 1440; m += 1) {
                    minutes.add(new HeartRateSample(
                            day.atStartOfDay().plusMinutes(m).atOffset(CET), 60 + m % 30));
                }
                write(a, Dataset.HR_1MIN, day, minutes.toArray(Row[]::new));
            }
        }
    }

    static void write(Sink sink, Dataset<?> dataset, LocalDate day, Row... rows) {
        try (Sink.Day d = sink.begin(dataset, day)) {
            List.of(rows).forEach(d);
            d.commit(true);
        }
    }

    static JsonNode dashboard() throws IOException {
        return JSON.readTree(GRAFANA.resolve("dashboards/fbx.json").toFile());
    }

    /** Grafana's PostgreSQL macros, as its SQL data source expands them, over the synced month. */
    static String expand(String sql, String account) {
        String from = "'" + FIRST.atStartOfDay().toInstant(ZoneOffset.UTC) + "'";
        String to = "'" + FIRST.plusDays(DAYS).atStartOfDay().toInstant(ZoneOffset.UTC) + "'";
        String expanded = TIME_FILTER
                .matcher(sql)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " BETWEEN " + from + " AND " + to + ""));
        expanded = TIME_GROUP_ALIAS
                .matcher(expanded)
                .replaceAll(m -> Matcher.quoteReplacement(
                        "floor(extract(epoch from " + m.group(1) + ")/3600)*3600 AS \"time\""));
        expanded = expanded.replace("$__timeFrom()", from)
                .replace("$__timeTo()", to)
                .replace("$account", account);
        assertFalse(expanded.contains("$"), "a macro the test does not know: " + expanded);
        return expanded;
    }

    List<List<Object>> query(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = pg.admin(database);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void everyPanelsQueryReturnsTheSelectedAccountsRowsOnly() throws Exception {
        JsonNode panels = dashboard().path("panels");
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : panels) {
            titles.add(panel.path("title").asText());
            String sql = panel.path("targets").get(0).path("rawSql").asText();
            List<List<Object>> rows = query(expand(sql, "A1"));
            assertFalse(rows.isEmpty(), panel.path("title").asText() + " shows nothing: " + sql);
            assertTrue(rows.size() <= 24 * DAYS + 1, panel.path("title") + ": " + rows.size() + " points");
            assertEquals(List.of(), query(expand(sql, "nobody")), panel.path("title") + " ignores $account");
        }
        assertEquals(7, titles.size(), titles.toString());
        assertEquals(
                2, query(expand(sql(panels, "Resting heart rate"), "A1")).get(0).size());
        assertEquals(
                List.of(List.of("A1"), List.of("B2")),
                query(dashboard()
                        .path("templating")
                        .path("list")
                        .get(0)
                        .path("query")
                        .asText()),
                "the account selector");
    }

    @Test
    void theSevenNightMeanAveragesTheNightAndTheSixBefore() throws Exception {
        List<List<Object>> rows =
                query(expand(sql(dashboard().path("panels"), "HRV: nightly RMSSD and its 7-night mean"), "A1"));
        assertEquals(DAYS, rows.size());
        // Nightly values 40 + i % 9: night 10 (i = 9) averages i = 3..9, that is 43..48 and 40.
        double expected = (43 + 44 + 45 + 46 + 47 + 48 + 40) / 7.0;
        assertEquals(40.0, ((Number) rows.get(9).get(1)).doubleValue());
        assertEquals(expected, ((Number) rows.get(9).get(2)).doubleValue(), 1e-9);
    }

    @Test
    void theProvisioningPointsTheDashboardAtTheDataSource() throws IOException {
        JsonNode source = YAML.readTree(
                        GRAFANA.resolve("provisioning/datasources/fbx.yaml").toFile())
                .path("datasources")
                .get(0);
        JsonNode provider = YAML.readTree(
                        GRAFANA.resolve("provisioning/dashboards/fbx.yaml").toFile())
                .path("providers")
                .get(0);
        assertEquals("grafana-postgresql-datasource", source.path("type").asText());
        assertTrue(provider.path("options").path("path").asText().startsWith("/var/lib/grafana/dashboards"));
        JsonNode dashboard = dashboard();
        List<JsonNode> references = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            references.add(p.path("datasource"));
            p.path("targets").forEach(t -> references.add(t.path("datasource")));
        });
        dashboard.path("templating").path("list").forEach(v -> references.add(v.path("datasource")));
        for (JsonNode reference : references) {
            assertEquals(source.path("uid").asText(), reference.path("uid").asText());
            assertEquals(source.path("type").asText(), reference.path("type").asText());
        }
    }

    static String sql(JsonNode panels, String title) {
        for (JsonNode panel : panels) {
            if (panel.path("title").asText().equals(title)) {
                return panel.path("targets").get(0).path("rawSql").asText();
            }
        }
        throw new AssertionError("no panel " + title);
    }
}
