package org.sosops.env.promotion;

/**
 * Input the user can fix: an unreadable or malformed migration, a corrupt baseline, an
 * unreachable database or URL. The message names the file and line or the target, and never
 * carries a secret (database URLs are shown without their password).
 */
public class PromotionInputException extends RuntimeException {
    public PromotionInputException(String message) {
        super(message);
    }

    public PromotionInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
