package org.normscope.engine;

/**
 * A forward or backward that PyTorch refuses, carrying the Python exception type PyTorch
 * raises ({@code ValueError} or {@code RuntimeError}; {@code TypeError} for an
 * InstanceNorm whose momentum is None, {@code IndexError} for a GroupNorm given fewer than
 * two dimensions) and its message text, so that the app can show exactly what PyTorch
 * would have said.
 */
public final class TorchError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The Python exception class PyTorch raises. */
    public enum Kind { ValueError, RuntimeError, TypeError, IndexError }

    private final Kind kind;

    private TorchError(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    static TorchError valueError(String message) {
        return new TorchError(Kind.ValueError, message);
    }

    static TorchError runtimeError(String message) {
        return new TorchError(Kind.RuntimeError, message);
    }

    static TorchError typeError(String message) {
        return new TorchError(Kind.TypeError, message);
    }

    static TorchError indexError(String message) {
        return new TorchError(Kind.IndexError, message);
    }

    /** {@code ValueError} or {@code RuntimeError}, as PyTorch raises it. */
    public Kind kind() {
        return kind;
    }

    /** The Python exception type name, e.g. {@code "ValueError"}. */
    public String pythonType() {
        return kind.name();
    }

    /** As Python prints an uncaught exception's last line: {@code ValueError: expected 4D input (got 3D input)}. */
    @Override
    public String toString() {
        return kind.name() + ": " + getMessage();
    }
}
