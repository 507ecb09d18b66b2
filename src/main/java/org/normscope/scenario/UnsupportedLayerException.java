package org.normscope.scenario;

/** A scenario whose layer type is in the format but not in the engine yet. */
public final class UnsupportedLayerException extends Exception {

    private static final long serialVersionUID = 1L;

    UnsupportedLayerException(LayerType type) {
        super("layer.type: " + type + " is not supported yet (the engine has " + LayerType.supportedNames() + ")");
    }
}
