package org.atrium.sms.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.atrium.api.sms.SmsDeliveryException;
import org.atrium.api.sms.SmsGateway;
import org.atrium.api.sms.SmsMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/**
 * Twilio's Messages API: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, HTTP Basic with the
 * account SID and auth token, form fields {@code To}, {@code From} (or {@code MessagingServiceSid}) and
 * {@code Body}; 201 means accepted. Configured in etc/atrium.sms.cfg ({@code twilio.*}).
 */
// settings: etc/atrium.sms.cfg, described by ConfiguredSmsSender's @Designate
@Component(property = SmsGateway.NAME + "=twilio", configurationPid = "atrium.sms")
public class TwilioSmsGateway implements SmsGateway {

    private static final Pattern ERROR_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern LONG_DIGITS = Pattern.compile("\\+?\\d{6,}");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private volatile SmsConfig config;

    @Activate
    public TwilioSmsGateway(SmsConfig config) {
        this.config = config;
    }

    @Modified
    void reconfigure(SmsConfig changed) {
        config = changed;
    }

    @Override
    public void send(SmsMessage message) {
        SmsConfig current = config;
        String account = current.twilio_account_sid().strip();
        String token = current.twilio_auth_token().strip();
        String from = current.twilio_from().strip();
        String service = current.twilio_messaging_service_sid().strip();
        if (account.isEmpty() || token.isEmpty() || (from.isEmpty() && service.isEmpty())) {
            throw new SmsDeliveryException("Twilio is not configured: set twilio.account.sid, twilio.auth.token and "
                    + "twilio.from (or twilio.messaging.service.sid) in etc/atrium.sms.cfg");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.e164());
        if (service.isEmpty()) {
            form.put("From", from);
        } else {
            form.put("MessagingServiceSid", service);
        }
        form.put("Body", message.text());
        URI uri = URI.create(current.twilio_api_url().strip().replaceAll("/+$", "") + "/2010-04-01/Accounts/"
                + URLEncoder.encode(account, StandardCharsets.UTF_8) + "/Messages.json");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(Math.max(1, current.timeout_seconds())))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((account + ":" + token).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form))).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SmsDeliveryException("Twilio could not be reached at " + uri.getHost() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsDeliveryException("interrupted while sending through Twilio", e);
        }
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new SmsDeliveryException("Twilio refused the message (HTTP " + response.statusCode() + "): "
                    + errorOf(response.body()));
        }
    }

    static String formBody(Map<String, String> form) {
        return form.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** Twilio's "message" field, with phone numbers left out (its errors often quote the "To" number). */
    static String errorOf(String body) {
        Matcher matcher = ERROR_MESSAGE.matcher(body == null ? "" : body);
        String text = matcher.find() ? matcher.group(1) : "no error message";
        return LONG_DIGITS.matcher(text).replaceAll("***");
    }
}
