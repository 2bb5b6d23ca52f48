package io.cms.k8s;

import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Compares an object as written with the same object after a trip through its typed model. Anything
 * the model dropped, or read as another type, shows up as a difference.
 */
final class RoundTrip {

    private RoundTrip() {
    }

    static void compare(String path, JsonElement written, JsonElement back, List<String> differences) {
        if (written.isJsonObject() && back != null && back.isJsonObject()) {
            JsonObject w = written.getAsJsonObject();
            JsonObject b = back.getAsJsonObject();
            for (Map.Entry<String, JsonElement> e : w.entrySet()) {
                if (e.getValue().isJsonNull()) {
                    continue;
                }
                String at = path + "/" + e.getKey();
                if (!b.has(e.getKey())) {
                    differences.add(at + ": not a field of this kind (dropped by the API model)");
                } else {
                    compare(at, e.getValue(), b.get(e.getKey()), differences);
                }
            }
        } else if (written.isJsonArray() && back != null && back.isJsonArray() && written.getAsJsonArray().size() == back.getAsJsonArray().size()) {
            for (int i = 0; i < written.getAsJsonArray().size(); i++) {
                compare(path + "/" + i, written.getAsJsonArray().get(i), back.getAsJsonArray().get(i), differences);
            }
        } else if (!written.equals(back)) {
            differences.add(path + ": " + written + " is read by the API as " + back
                    + " (wrong type or format for this field)");
        }
    }
}
