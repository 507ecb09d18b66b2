package org.normscope.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How the file formats (scenarios, presets) name a place in a JSON tree and show a value in
 * an error message: {@code layer.momentum}, {@code steps[2].input}, a value cut at 40 characters.
 */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** {@code path.field}, or {@code field} at the top. */
    public static String child(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** {@code path[index]}. */
    public static String element(String path, int index) {
        return path + "[" + index + "]";
    }

    /** A short rendering of a JSON value for an error message ({@code nothing} when absent). */
    public static String show(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String s = node.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
