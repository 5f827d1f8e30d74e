package org.hearth.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;

/** Reads a request's JSON body as a record; anything else is a 400 that says so. */
final class RequestBody {

    private RequestBody() {}

    static <T> T read(ObjectMapper json, Context ctx, Class<T> type) {
        try {
            T body = json.readValue(ctx.body(), type);
            if (body == null) {
                throw new AdminRefusal(400, "the request needs a JSON body");
            }
            return body;
        } catch (IOException e) {
            throw new AdminRefusal(400, "the request body is not the JSON this call expects");
        }
    }

    static char[] chars(String text) {
        return text == null ? new char[0] : text.toCharArray();
    }
}
