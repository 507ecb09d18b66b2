package org.normscope.print;

import com.fasterxml.jackson.databind.JsonNode;

import org.normscope.engine.Tensor;

/** Reads the test data's {@code {"shape": [...], "data": [...]}} tensors; non-finite values are strings. */
final class TensorJson {

    private TensorJson() {
    }

    static Tensor read(JsonNode node) {
        JsonNode shapeNode = node.get("shape");
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt();
        }
        JsonNode dataNode = node.get("data");
        float[] data = new float[dataNode.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) value(dataNode.get(i));
        }
        return new Tensor(shape, data);
    }

    private static double value(JsonNode v) {
        if (v.isTextual()) {
            return switch (v.asText()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("not a number: " + v);
            };
        }
        // Values were written as float(v) of float32 values, so this cast is exact.
        return v.doubleValue();
    }
}
