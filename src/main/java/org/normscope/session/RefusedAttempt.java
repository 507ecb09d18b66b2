package org.normscope.session;

import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;

/**
 * The newest step PyTorch refused, as it was: {@code layerBefore.forward(batch)} raises
 * {@code errorType: message} again and leaves {@code layerBefore} as the session's layer was
 * left.
 *
 * @param step the step number it tried (the step count did not advance)
 * @param layerBefore a new layer set up as the session's was just before the attempt
 * @param batch the attempt's input, drawn again
 * @param training whether it ran in train mode
 * @param errorType PyTorch's exception type, {@code ValueError}
 * @param message PyTorch's message
 */
public record RefusedAttempt(long step, NormLayer layerBefore, Tensor batch, boolean training, String errorType,
                             String message) {
}
