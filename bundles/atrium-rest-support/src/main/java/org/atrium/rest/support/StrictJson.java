package org.atrium.rest.support;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The JSON rules of Atrium's APIs (the staff API's provider, the client portal): unknown fields, wrong types
 * (a number where text is expected, so client IDs keep their leading zeros; a fraction where a whole number
 * is), a field given twice and trailing garbage are errors, not guesses.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** A new mapper with these rules; configure it no further once in use. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // {"officeLocation": 1.5} is not office 1
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // {"name": "A", "name": "B"}: which one was meant? Neither is guessed.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // a number is not text: {"clientId": 123} must not silently become "123" (was it "00123"?)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }
}
