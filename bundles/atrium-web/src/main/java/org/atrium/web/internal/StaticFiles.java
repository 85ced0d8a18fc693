package org.atrium.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The page's files, inside this bundle under {@code /web}: which ones exist, their content types, and
 * which of them never change (the libraries, whose paths carry their version).
 */
final class StaticFiles {

    static final String ROOT = "/web";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2",
            "woff", "font/woff",
            "json", "application/json");

    /** Letters, digits, dots, dashes and underscores between slashes; no "..", no empty segment. */
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");

    /** A file to send. */
    record StaticFile(String path, String contentType, boolean immutable) {

        byte[] read() throws IOException {
            try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + path)) {
                if (in == null) {
                    throw new IOException("gone from the bundle: " + path);
                }
                return in.readAllBytes();
            }
        }
    }

    private StaticFiles() {
    }

    /** The file for a path below {@code /atrium}, if there is one; "/" is the page itself. */
    static Optional<StaticFile> find(String path) {
        String file = path == null || path.isEmpty() || "/".equals(path) ? "/index.html" : path;
        if (!SAFE_PATH.matcher(file).matches() || file.contains("..")) {
            return Optional.empty();
        }
        int dot = file.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(file.substring(dot + 1).toLowerCase(Locale.ROOT));
        URL resource = type == null ? null : StaticFiles.class.getResource(ROOT + file);
        if (resource == null) {
            return Optional.empty();
        }
        return Optional.of(new StaticFile(file, type, file.startsWith("/lib/")));
    }
}
