package org.sosops.env.cli.promotion;

import java.util.function.Supplier;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.promotion.PromotionInputException;

/** Shared plumbing of the promotion commands: input errors become exit 2. */
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
}
