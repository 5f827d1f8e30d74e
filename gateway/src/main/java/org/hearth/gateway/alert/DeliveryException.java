package org.hearth.gateway.alert;

/** A channel did not accept an alert: the message says which channel and why, without secrets. */
public final class DeliveryException extends Exception {

    DeliveryException(String message) {
        super(message);
    }

    DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
