package org.petitionbridge.routing.rules;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.petitionbridge.events.EventCodec;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.springframework.http.MediaType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;

/**
 * Reads the body of a posted rule set into a document tree (maps, lists, text, booleans): JSON, or YAML in the
 * format of {@code demo-county.yaml}. Duplicate keys are refused in both. Error answers name the line and column,
 * never the submitted text.
 */
final class RuleSetBody {

    static final MediaType APPLICATION_YAML = MediaType.parseMediaType("application/yaml");
    static final MediaType APPLICATION_X_YAML = MediaType.parseMediaType("application/x-yaml");
    static final MediaType TEXT_YAML = MediaType.parseMediaType("text/yaml");
    /** Far more than a county's rules need (the demo county's are about 5 KB). */
    static final int MAX_BYTES = 1 << 20;

    private RuleSetBody() {
    }

    static boolean isYaml(MediaType type) {
        return APPLICATION_YAML.includes(type) || APPLICATION_X_YAML.includes(type) || TEXT_YAML.includes(type);
    }

    static Object parse(byte[] body, MediaType type) {
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("body", "is empty; post the rule set as JSON or YAML");
        }
        if (body.length > MAX_BYTES) {
            throw new InvalidRequestException("body", "must be at most 1 MiB");
        }
        return isYaml(type) ? yaml(body) : json(body);
    }

    private static Object json(byte[] body) {
        try {
            return EventCodec.mapper().readerFor(Object.class).with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .readValue(body);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String reason = e.getOriginalMessage();
            boolean duplicate = reason != null && reason.startsWith("Duplicate");
            throw new InvalidRequestException(List.of(new FieldProblem("body", (duplicate
                    ? "repeats a field" : "is not valid JSON") + where)));
        }
    }

    private static Object yaml(byte[] body) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_BYTES);
        options.setMaxAliasesForCollections(10);
        try {
            return new Yaml(new SafeConstructor(options))
                    .load(new ByteArrayInputStream(body));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String problem = e.getProblem() == null ? "" : " (" + e.getProblem().replaceAll("[\"'].*", "").trim() + ")";
            throw new InvalidRequestException("body", "is not valid YAML" + where + problem);
        } catch (YAMLException e) {
            throw new InvalidRequestException("body", "is not valid YAML");
        }
    }
}
