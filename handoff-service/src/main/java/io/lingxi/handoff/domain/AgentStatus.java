package io.lingxi.handoff.domain;

/** An agent's presence. Only ONLINE agents get new conversations; AWAY keeps what they have. */
public enum AgentStatus {
    ONLINE, AWAY, OFFLINE
}
