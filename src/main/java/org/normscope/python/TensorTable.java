package org.normscope.python;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.normscope.engine.Tensor;

/**
 * The distinct tensors of a script, each stored once and named by its index: a scenario often
 * feeds the same batch at every step, and a layer's running stats repeat while it is in eval
 * mode. Two tensors are the same when their shapes and their float32 bits are (so {@code -0.0}
 * and {@code 0.0} are kept apart, as are NaNs with different payloads).
 */
final class TensorTable {

    /** One distinct tensor: its shape and its row-major float32 values, little-endian. */
    record Entry(int[] shape, byte[] littleEndian) {

        /** The values as base64 text, what the script decodes. */
        String base64() {
            return Base64.getEncoder().encodeToString(littleEndian);
        }
    }

    private record Key(String shape, ByteBuffer bytes) {
    }

    private final Map<Key, Integer> indexes = new HashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private long bytes;

    /** The index of {@code t}, added if it is new. */
    int add(Tensor t) {
        return add(t.shape(), t.data());
    }

    /** The index of a per-channel vector (a tensor of shape {@code [C]}), added if it is new. */
    int add(float[] vector) {
        return add(new int[] {vector.length}, vector);
    }

    private int add(int[] shape, float[] data) {
        byte[] raw = littleEndian(data);
        Key key = new Key(Arrays.toString(shape), ByteBuffer.wrap(raw));
        Integer known = indexes.get(key);
        if (known != null) {
            return known;
        }
        entries.add(new Entry(shape.clone(), raw));
        bytes += raw.length;
        indexes.put(key, entries.size() - 1);
        return entries.size() - 1;
    }

    /** The distinct tensors, in the order they were first added. */
    List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The bytes of all distinct tensors as float32 (before base64, which adds a third). */
    long bytes() {
        return bytes;
    }

    /** Float32 values as little-endian bytes, with their exact bits (NaN payloads too). */
    static byte[] littleEndian(float[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            buffer.putInt(Float.floatToRawIntBits(f));
        }
        return buffer.array();
    }
}
