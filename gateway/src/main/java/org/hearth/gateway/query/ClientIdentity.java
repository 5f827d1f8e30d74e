package org.hearth.gateway.query;

/**
 * Who asked, once the Identify stage has looked: the device (a configured one, or an unknown one
 * remembered by address) and the profile it follows. Logged with every block.
 */
public record ClientIdentity(String deviceId, String deviceName, String profileName) {}
