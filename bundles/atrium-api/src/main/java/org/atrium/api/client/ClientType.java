package org.atrium.api.client;

/** Whether a client is a person (identified by an SSN) or an entity (identified by an EIN). */
public enum ClientType {
    INDIVIDUAL {
        @Override
        public String maskTaxId(String digits) {
            return digits == null ? null : "XXX-XX-" + lastFour(digits);
        }
    },
    ENTITY {
        @Override
        public String maskTaxId(String digits) {
            return digits == null ? null : "XX-XXX" + lastFour(digits);
        }
    };

    /**
     * The tax ID in the truncated form the IRS uses on notices: {@code XXX-XX-6789} for an SSN,
     * {@code XX-XXX6789} for an EIN. This is the only form in which a tax ID may be shown or logged.
     */
    public abstract String maskTaxId(String digits);

    private static String lastFour(String digits) {
        return digits.length() <= 4 ? digits : digits.substring(digits.length() - 4);
    }
}
