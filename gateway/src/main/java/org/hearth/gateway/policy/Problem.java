package org.hearth.gateway.policy;

/** One thing wrong with the policy part of a config: the key path and what is wrong with it. */
public record Problem(String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
