package org.sosops.env.springexample;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Delivery statuses as Twilio reported them, in the application's own table. */
@Repository
public class MessageStatuses {
    private final JdbcTemplate jdbc;

    public MessageStatuses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String messageSid, String status, String requestId) {
        jdbc.update("INSERT INTO message_status (message_sid, status, request_id) VALUES (?, ?, ?)",
                messageSid, status, requestId);
    }

    /** The statuses of one message, oldest first, as {@code status/request id}. */
    public List<String> of(String messageSid) {
        return jdbc.queryForList("SELECT status || '/' || request_id FROM message_status WHERE message_sid = ? ORDER BY id",
                String.class, messageSid);
    }
}
