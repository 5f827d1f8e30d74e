package org.hearth.gateway.admin;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.hearth.gateway.lists.ListsRuntime;
import org.hearth.gateway.alert.Alerts;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.manage.ConfigEditor;
import org.hearth.gateway.policy.Pauses;
import org.hearth.gateway.policy.PolicyRuntime;
import org.hearth.gateway.policy.SeenDevice;
import org.hearth.gateway.web.UnblockRequests;

/**
 * What the admin API reads and changes in the running gateway.
 *
 * @param log the blocked-lookup log, read-only
 * @param unknownDevices the devices the policy saw that no config entry names, most recent first
 * @param pauses the policy's paused devices, which the API sets and ends
 * @param clock the wall clock and the box's time zone: pauses end by it, the log's days follow it
 * @param editor changes hearth.yml (checked, atomic, in force at once, audited)
 * @param policy the running policy: its explainer answers "why is this name blocked for this device"
 * @param lists the running lists: status, refresh now
 * @param requests web: the children's unblock requests and temporary allows, or null (those routes answer 503)
 * @param alerts the alert service, or null when there is none (no /api/alerts routes then)
 * @param health how the DNS side stands (adminx: the health route); null: reported as unknown
 */
public record AdminSources(LogQueries log, Supplier<List<SeenDevice>> unknownDevices, Pauses pauses, Clock clock,
        ConfigEditor editor, PolicyRuntime policy, ListsRuntime lists, UnblockRequests requests, Alerts alerts,
        Supplier<GatewayHealth> health) {}
