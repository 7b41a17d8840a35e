package org.example.campaigns

const val SIGNING_SECRET_VARIABLE = "TWILIO_WEBHOOK_SIGNING_SECRET"

class Webhooks(private val env: Map<String, String>) {
    private val emailWebhookSigningSecret: String? = env["EMAIL_WEBHOOK_SIGNING_SECRET"]
    private val twilioWebhookSigningSecret: String = "wh9Fq2Lx7Rk3Vz8Np4Tb6Y"
}
