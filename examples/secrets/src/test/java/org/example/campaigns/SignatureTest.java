package org.example.campaigns;

/** Sample test code: reviewed literals carry an allow comment with a reason. */
class SignatureTest {
    // sosops-env: allow-secret the published test vector of Twilio's signature documentation
    private static final String TWILIO_AUTH_TOKEN = "9b1d4f0ae3c75682d0e4b7a91fc3e826";

    private static final String BLOB_READ_WRITE_TOKEN = "vercel_blob_rw_P2jjTY5TK2Qmcxr0_XrplhAsBEsGBEX39iLd91u6Ar3Fy0K"; // sosops-env: allow-secret
}
