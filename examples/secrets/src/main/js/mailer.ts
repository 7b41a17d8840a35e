// Sample code for `sosops-env secrets --scan`.
const EMAIL_API_KEY = process.env.EMAIL_API_KEY;
const config = {
  emailApiKey: process.env.EMAIL_API_KEY ?? "",
  upstashRedisRestToken: 'your-upstash-token',
  authSecret: `${process.env.AUTH_SECRET}`,
};
const sendgridKey = "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";
const docsExample = "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
export { EMAIL_API_KEY, config, sendgridKey, docsExample };
