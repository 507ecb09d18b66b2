package org.normscope.sessionfile;

/** A session file that cannot be opened or saved: its message is one sentence naming the file and the reason. */
public final class SessionFileException extends Exception {

    public SessionFileException(String message) {
        super(message);
    }

    public SessionFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
