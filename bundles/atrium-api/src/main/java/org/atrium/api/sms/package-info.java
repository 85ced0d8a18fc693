/**
 * Text messages (SMS) to clients' mobiles: the portal's access codes when a client's SMS OTP is on. A firm adds
 * its own provider by registering an {@link org.atrium.api.sms.SmsGateway}.
 */
@Export
@Version("1.0.0")
package org.atrium.api.sms;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
