package org.sosops.env.cli.promotion;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.promotion.PromotionInputException;

/** Shared plumbing of the promotion commands: input errors become exit 2, JSON goes out pretty-printed. */
final class PromotionInputs {
    private PromotionInputs() {
    }

    /** Runs {@code work}, turning the library's input errors into the command line's (one line, exit 2). */
    static <T> T guard(Supplier<T> work) {
        try {
            return work.get();
        } catch (PromotionInputException e) {
            throw new InputException(e.getMessage());
        }
    }

    interface JsonBody {
        void write(JsonGenerator json) throws IOException;
    }

    static void printJson(PrintWriter out, JsonBody body) {
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
    }
}
