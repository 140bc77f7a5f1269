package io.lingxi.local;

/** Runs a tool's body and turns failures into one sentence on stderr and a non-zero exit code. */
final class Tool {

    /** The body of a tool's main method. */
    @FunctionalInterface
    interface Body {
        void run(Arguments arguments) throws Exception;
    }

    private Tool() {
    }

    static void run(String name, String[] args, Body body) {
        // slf4j has no provider here on purpose: the tools print their own messages.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        try {
            body.run(Arguments.parse(args));
        } catch (ToolFailure e) {
            System.err.println(name + ": " + e.getMessage() + causeOf(e));
            System.exit(1);
        } catch (Exception | LinkageError e) {
            System.err.println(name + ": unexpected failure: " + e + causeOf(e));
            System.exit(1);
        }
    }

    private static String causeOf(Throwable e) {
        Throwable cause = e.getCause();
        while (cause != null && cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage().strip() + ")";
    }
}
