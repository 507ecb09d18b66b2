package org.normscope.scenario;

/** A scenario whose layer type a command does not know (bench and explain know BatchNorm alone). */
public final class UnsupportedLayerException extends Exception {

    private static final long serialVersionUID = 1L;

    UnsupportedLayerException(LayerKind type) {
        super("layer.type: " + type + " is not supported yet by this command (it knows " + LayerKind.batchNormNames()
                + ")");
    }
}
