package org.normscope.json;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Iterator;

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
        if (node.isNumber() && Double.isInfinite(node.asDouble())) { // 1e400: a number, not the string "Infinity"
            return (node.asDouble() > 0 ? "a" : "a negative") + " number beyond a double's range";
        }
        String s = node.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    /** The first field of an object that is not one of {@code known}, or null if it has none. */
    public static String firstUnknownField(JsonNode object, Collection<String> known) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                return field;
            }
        }
        return null;
    }

    /**
     * The known name a misspelt one most likely meant: the nearest by edit distance (letters
     * added, dropped, changed or two swapped), if at most 2 edits and fewer than half its letters
     * away; null if none is that near.
     */
    public static String nearest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(name.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= 2 && 2 * bestDistance < Math.max(name.length(), best.length())
                ? best : null;
    }

    /** Optimal string alignment distance (Damerau–Levenshtein without repeated edits of a substring). */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** Where the parser refused the text, {@code " at line 3, column 7"}, or "" when it does not say. */
    public static String where(com.fasterxml.jackson.core.JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /**
     * Where in the document the parser stood when it refused the text ({@code steps[0].layer}),
     * in the form of {@link #child} and {@link #element}; empty at the top or when unknown.
     */
    public static String pathOf(StreamReadException e) {
        if (e.getProcessor() == null) {
            return "";
        }
        JsonStreamContext context = e.getProcessor().getParsingContext();
        if (context == null) {
            return "";
        }
        String path = "";
        for (JsonPointer p = context.pathAsPointer(); p != null && !p.matches(); p = p.tail()) {
            path = p.mayMatchElement() && isElement(context, p) ? element(path, p.getMatchingIndex())
                    : child(path, p.getMatchingProperty());
        }
        return path;
    }

    private static boolean isElement(JsonStreamContext context, JsonPointer p) {
        // a pointer segment "0" may be an index or a field named "0": ask the context chain
        int depth = 0;
        for (JsonPointer q = p.tail(); q != null && !q.matches(); q = q.tail()) {
            depth++;
        }
        JsonStreamContext c = context;
        for (int i = 0; i < depth && c != null; i++) {
            c = c.getParent();
        }
        return c != null && c.inArray();
    }
}
