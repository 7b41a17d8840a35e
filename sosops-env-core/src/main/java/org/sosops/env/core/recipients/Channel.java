package org.sosops.env.core.recipients;

/** How a message reaches its recipient: an SMS to a phone number or an e-mail to an address. */
public enum Channel {
    SMS,
    EMAIL
}
