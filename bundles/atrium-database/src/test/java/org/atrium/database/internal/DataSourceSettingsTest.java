package org.atrium.database.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Hashtable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourceSettingsTest {

    @TempDir
    Path folder;

    @Test
    void derbyByDefaultUnderKarafsDataFolder() {
        Hashtable<String, Object> settings = DataSourceSettings.of(config("derby", "", "", ""), Path.of("/opt/atrium/data"));

        assertEquals("derby", settings.get("osgi.jdbc.driver.name"));
        assertEquals("/opt/atrium/data/derby/atrium", settings.get("databaseName"));
        assertEquals("atrium", settings.get("dataSourceName"));
        assertEquals("true", settings.get("xa"));
    }

    @Test
    void postgresqlThroughItsDriversOwnFactory() {
        Hashtable<String, Object> settings = DataSourceSettings.of(
                config("PostgreSQL", "jdbc:postgresql://db.example.com:5432/atrium", "atrium", "secret"), folder);

        assertEquals("PostgreSQL JDBC Driver", settings.get("osgi.jdbc.driver.name"));
        assertEquals("jdbc:postgresql://db.example.com:5432/atrium", settings.get("url"));
        assertEquals("atrium", settings.get("user"));
        assertEquals("secret", settings.get("password"));
        assertEquals("5", settings.get("connectTimeout"));
        assertEquals("true", settings.get("reWriteBatchedInserts"), "an import's batches as multi-row INSERTs");
        assertEquals("-c plan_cache_mode=force_custom_plan", settings.get("options"), "no plan kept from an empty table");
    }

    @Test
    void mistakesNameTheSettingToFix() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DataSourceSettings.of(config("oracle", "", "", ""),
                folder)).getMessage().contains("type must be derby or postgresql, not 'oracle'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DataSourceSettings.of(config("postgresql",
                "jdbc:mysql://x/y", "atrium", ""), folder)).getMessage().startsWith("url must be jdbc:postgresql://"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DataSourceSettings.of(config("postgresql",
                "jdbc:postgresql://x:5432/y", " ", ""), folder)).getMessage().startsWith("user must name"));
    }

    @Test
    void aPasswordInAFileEveryoneMayReadIsRefused() throws Exception {
        Path file = folder.resolve("atrium.database.cfg");
        Files.writeString(file, "type = postgresql\npassword = secret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        DatabaseConfig withPassword = config("postgresql", "jdbc:postgresql://x:5432/y", "atrium", "secret");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DatabaseSettings.refuseWorldReadablePassword(withPassword, file.toUri().toString()));
        assertTrue(refused.getMessage().contains("chmod 600"), refused.getMessage());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        DatabaseSettings.refuseWorldReadablePassword(withPassword, file.toUri().toString());

        Files.writeString(file, "type = postgresql\npassword = $[env:ATRIUM_DATABASE_PASSWORD]\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        DatabaseSettings.refuseWorldReadablePassword(withPassword, file.toUri().toString());
    }

    private static DatabaseConfig config(String type, String url, String user, String password) {
        return new DatabaseConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DatabaseConfig.class;
            }

            @Override
            public String type() {
                return type;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String user() {
                return user;
            }

            @Override
            public String password() {
                return password;
            }

            @Override
            public String derby_directory() {
                return "";
            }

            @Override
            public int pool_maxTotal() {
                return 16;
            }

            @Override
            public int pool_maxIdle() {
                return 8;
            }

            @Override
            public int connectTimeout() {
                return 5;
            }
        };
    }
}
