package io.lingxi.nlu.model;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Puts customer text into one canonical form before features are taken: full-width → half-width (NFKC), lower
 * case, common traditional → simplified characters, collapsed whitespace, and placeholders for URLs, e-mail
 * addresses, numbers and emoji, whose exact value says nothing about the intent.
 */
public final class TextNormalizer {

    public static final String URL = "⟨url⟩";
    public static final String EMAIL = "⟨email⟩";
    public static final String NUMBER = "⟨num⟩";
    public static final String EMOJI = "⟨emoji⟩";

    private static final Pattern URL_PATTERN = Pattern.compile("(?:https?://|www\\.)[\\w\\-./?%&=#:~+]+");
    private static final Pattern EMAIL_PATTERN = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern NUMBER_PATTERN = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    // The traditional characters customers most often type in service chats; a full converter is not worth a
    // dependency when characters and n-grams already carry most of the signal.
    private static final String TRADITIONAL = "們貨訂單達還麼為這個號嗎謝見話說請問錢買賣發運郵遞國會員點體電腦務題時間開關幫換應該經過沒東長機數讓帳戶碼註冊優價門營業麵齊鬆處寫聽讀給從來後裡裏對實現與專無種將當總樣覺網頁張報們辦費紅標準銀卡幣額轉帳號碼傳訊隻條啟動變壞維修換貨簽們結雙購領際產品質態愛歡氣慢壓認證؟";
    private static final String SIMPLIFIED = "们货订单达还么为这个号吗谢见话说请问钱买卖发运邮递国会员点体电脑务题时间开关帮换应该经过没东长机数让账户码注册优价门营业面齐松处写听读给从来后里里对实现与专无种将当总样觉网页张报们办费红标准银卡币额转账号码传讯只条启动变坏维修换货签们结双购领际产品质态爱欢气慢压认证?";
    private static final int[] SIMPLIFY = new int[0x10000];

    static {
        int n = Math.min(TRADITIONAL.length(), SIMPLIFIED.length());
        for (int i = 0; i < n; i++) {
            SIMPLIFY[TRADITIONAL.charAt(i)] = SIMPLIFIED.charAt(i);
        }
    }

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        if (s.indexOf('@') >= 0) {
            s = EMAIL_PATTERN.matcher(s).replaceAll(" " + EMAIL + " ");
        }
        if (s.indexOf("http") >= 0 || s.indexOf("www.") >= 0) {
            s = URL_PATTERN.matcher(s).replaceAll(" " + URL + " ");
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        boolean number = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= '0' && cp <= '9') {
                if (!number) {
                    out.append(' ').append(NUMBER).append(' ');
                    number = true;
                }
                continue;
            }
            if (number && (cp == '.' || cp == ',') && i < s.length() && Character.isDigit(s.charAt(i))) {
                continue;
            }
            number = false;
            if (isEmoji(cp)) {
                out.append(' ').append(EMOJI).append(' ');
            } else if (cp < 0x10000 && SIMPLIFY[cp] != 0) {
                out.append((char) SIMPLIFY[cp]);
            } else {
                out.appendCodePoint(cp);
            }
        }
        return SPACES.matcher(out).replaceAll(" ").trim();
    }

    /**
     * One character folded as {@link #normalize} folds it, without changing the text's length: full-width ASCII
     * to half-width, lower case, traditional to simplified. Lets dictionary matches keep offsets into the original.
     */
    public static char fold(char c) {
        if (c >= '\uFF01' && c <= '\uFF5E') {
            c = (char) (c - 0xFEE0);
        } else if (c == '\u3000') {
            c = ' ';
        }
        char lower = Character.toLowerCase(c);
        return SIMPLIFY[lower] != 0 ? (char) SIMPLIFY[lower] : lower;
    }

    /** {@link #fold(char)} over a whole text (same length). */
    public static String fold(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = fold(chars[i]);
        }
        return new String(chars);
    }

    static boolean isEmoji(int cp) {
        return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x1F000 && cp <= 0x1F2FF);
    }
}
