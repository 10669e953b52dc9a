"""Text folded for crisis matching (issue 12): one spelling for the many ways the same words get written.

People who write about dying often write around the words (filters, shame, habit): traditional
characters, full-width letters, spaces or dots between characters, pinyin and its initials,
homophones (紫砂, 自鲨, 亖), leetspeak (su1c1de), emoji (💊🪢🔪). `fold` maps all of these onto
plain simplified Chinese and plain lower-case English, so each warning-sign pattern is written once.
The folded text is only matched, never shown or stored. Every step is a translate or a linear regex.
"""

from __future__ import annotations

import re
import unicodedata

from resilience_app.services.first_chars import compile_fast

# Traditional → simplified for the characters that matter here: those in the warning-sign patterns
# and the everyday words around them. Pairs: traditional, simplified.
_T2S_PAIRS = (
    "個个們们來来這这為为爲为說说時时會会對对後后過过還还沒没麼么與与見见開开關关長长問问間间讓让給给從从"
    "當当體体點点頭头實实現现發发樣样經经覺觉裡里裏里話话學学應应氣气種种愛爱無无親亲聽听幾几別别邊边機机"
    "錢钱買买賣卖電电腦脑車车東东門门書书號号樓楼層层橋桥藥药醫医傷伤殘残殺杀燒烧結结斷断繩绳絕绝絲丝紙纸"
    "線线維维續续總总終终網网緊紧練练組组細细紅红綁绑勞劳動动務务歡欢難难離离雜杂雙双雖虽靈灵願愿顧顾題题"
    "類类顯显順顺須须預预領领頓顿頸颈顆颗飯饭飲饮餓饿館馆馬马驗验驚惊騙骗髮发鬆松魚鱼鳥鸟黃黄齊齐龍龙優优"
    "傳传價价債债傾倾僅仅億亿兒儿兩两內内凍冻剛刚創创劃划劍剑勁劲勵励勢势區区協协卻却厭厌厲厉參参員员喪丧"
    "單单嗎吗嘗尝嚇吓嚴严囑嘱團团園园圍围圖图圓圆場场塊块墳坟壓压壞坏處处備备夢梦夠够奪夺婦妇媽妈孫孙寧宁"
    "寫写審审寶宝將将專专尋寻導导屍尸屬属歲岁島岛師师帶带幫帮廣广廢废廳厅張张強强彈弹彎弯復复徹彻惡恶惱恼"
    "態态慘惨慣惯憂忧憐怜懷怀懼惧戀恋戰战戲戏戶户拋抛掃扫掛挂換换揮挥損损搖摇搶抢撐撑擁拥擇择擊击擔担據据"
    "擠挤擺摆擾扰攢攒敵敌數数於于曉晓條条棄弃極极榮荣構构樂乐標标樣样橫横檢检櫃柜權权歐欧歸归歷历殼壳毀毁"
    "決决淚泪淺浅測测湯汤溫温滅灭滿满漢汉潛潜濕湿災灾烏乌煩烦熱热燈灯營营爛烂爭争爺爷牆墙獨独獲获猶犹獄狱"
    "環环產产畫画療疗盡尽監监盤盘眾众睜睁確确礙碍禮礼禍祸稱称穩稳窮穷競竞筆笔節节範范簡简糧粮緒绪縣县績绩"
    "繼继罰罚罵骂羅罗聞闻聯联聲声職职腳脚膽胆臉脸膠胶臨临舉举艱艰藝艺莊庄華华萬万葉叶著着蓋盖蘇苏蟲虫術术"
    "衛卫衝冲補补裝装製制複复見见規规視视觀观觸触計计訂订訊讯討讨訓训記记許许設设訪访診诊詞词試试話话該该"
    "詳详認认誤误誰谁課课調调談谈請请諒谅論论諾诺謀谋謊谎謝谢證证識识議议護护讀读變变豐丰貓猫負负財财貨货"
    "貪贪責责貴贵費费貼贴資资賠赔賬账帳账質质賺赚購购贈赠贏赢趕赶跡迹蹤踪躍跃軟软較较載载輕轻輛辆輩辈輸输"
    "轉转辦办辭辞農农迴回連连進进運运達达違违適适遲迟遺遗選选郵邮鄉乡醜丑釋释針针鈔钞銀银銷销鋪铺鋼钢錄录"
    "錯错鍵键鎖锁鏡镜鐘钟鐵铁閃闪閉闭閒闲閱阅闆板陣阵陰阴陳陈陸陆陽阳隊队階阶際际隨随險险隱隐隻只雞鸡雲云"
    "霧雾靜静響响頂顶項项顏颜額额風风飛飞養养餘余驅驱鬥斗鬧闹黨党齡龄撿捡寵宠託托碼码遞递韻韵欄栏煙烟燙烫"
    "縫缝槍枪臺台颱台懸悬準准週周薪薪鬱郁潰溃該该報报懲惩頹颓喪丧脫脱籠笼絡络訴诉瞞瞒願愿漲涨貸贷賭赌虧亏"
    "親亲戚戚騷骚務务遠远給给幹干乾干夥伙傢家祇只衹只麵面嚥咽吞吞瓶瓶睏困燒烧炭炭鋒锋銳锐剃剃鬚须"
    "撞撞軌轨隔隔嗚呜嘆叹歎叹裏里廁厕鄰邻緣缘頁页筋筋脈脉淨净滾滚壽寿葬葬墓墓棺棺辦办壺壶鍋锅盃杯"
)
_T2S = {a: b for a, b in zip(_T2S_PAIRS[::2], _T2S_PAIRS[1::2]) if a != b}

# Emoji that name a means of harm, folded to a word in the text's language; the patterns decide
# whether the context makes them a warning sign (💊 in a post about a cold is not one).
_EMOJI_ZH = {"💊": "药", "🪢": "绳子", "🔪": "刀", "🗡": "刀", "✂": "刀", "🩸": "血", "⚰": "棺材", "🪦": "墓",
             "🔫": "枪", "🌉": "桥", "🏢": "楼", "🏬": "楼", "🏙": "楼", "🚆": "火车", "🚄": "火车", "🚂": "火车"}
_EMOJI_EN = {"💊": " pills ", "🪢": " rope ", "🔪": " knife ", "🗡": " knife ", "✂": " blade ", "🩸": " blood ",
             "⚰": " coffin ", "🪦": " grave ", "🔫": " gun ", "🌉": " bridge ", "🏢": " building ", "🏬": " building ",
             "🏙": " building ", "🚆": " train ", "🚄": " train ", "🚂": " train "}
# Latin look-alikes from Cyrillic and Greek (ѕuісіdе): folded to the letters they imitate.
_HOMOGLYPHS = dict(zip(map(ord, "аеорсухіѕјԁӏкмтнвαεοικντρ"), "aeopcyxisjdlkmthbaeoikvtp"))
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\ufe0f\ufe0e"))  # zero-width, soft hyphen
# Dialect words for the same few ideas (粤语-tinged Mandarin, 东北话): 冇咗我 = 没了我, 俺 = 我.
_DIALECT = {ord("俺"): "我", ord("冇"): "没", ord("唔"): "不", ord("咗"): "了", ord("嘅"): "的", ord("佢"): "他", ord("哋"): "们"}
_COMMON = {ord("’"): "'", ord("‘"): "'", ord("`"): "'", ord("“"): '"', ord("”"): '"', ord("亖"): "死", **_INVISIBLE,
           **_HOMOGLYPHS, **_DIALECT}
for _t, _s in _T2S.items():
    _COMMON[ord(_t)] = _s
_ZH_TABLE = str.maketrans(_COMMON | {ord(k): v for k, v in _EMOJI_ZH.items()})
_EN_TABLE = str.maketrans(_COMMON | {ord(k): v for k, v in _EMOJI_EN.items()})

_HAN = r"\u3400-\u9fff"
_HAS_HAN = re.compile(f"[{_HAN}]")
# Characters slipped between Chinese characters to dodge a filter (自 杀, 想.死, 不*想*活): dropped.
# Sentence punctuation (，。！？；：、) is kept, so clauses stay apart, and so are quotation marks,
# which mark other people's words (客户说“去死”).
_BETWEEN_HAN = re.compile(
    rf"(?<=[{_HAN}])[\s.*·•_~/\\|+=^()\[\]<>#$%&★☆♡♥❤\U0001F300-\U0001FAFF\u2600-\u27BF-]{{1,4}}(?=[{_HAN}])"
)
# 不。想。活。了: single characters each set apart by the same punctuation mark, joined back up. A real
# sentence end separates words, not every single character three times over.
_PUNCTUATED_HAN = re.compile(rf"(?<![{_HAN}])[{_HAN}](?P<mark>[。，、！!,.])[{_HAN}](?:(?P=mark)[{_HAN}]){{2,}}(?![{_HAN}])")
# s.u.i.c.i.d.e, k i l l: single letters with separators, joined back into a word.
_SPACED_LETTERS = re.compile(r"(?<![a-z])[a-z](?:[ .*_-]{1,2}[a-z](?![a-z])){3,}")
# A word with digits or symbols inside it (k1ll, $uicide, d!e), never a trailing "!" (help!).
_LEET_WORD = re.compile(r"(?<![a-z0-9@$!|*])(?=[a-z0-9@$!|*]*[a-z])(?=[a-z0-9@$!|*]*[0-9@$!|][a-z0-9])"
                        r"[a-z0-9@$!|*]*[a-z0-9]")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i",
                       "|": "l"})
_SPACES = re.compile(r"[ \t]{2,}")
_TONES = str.maketrans({c: base for base, marks in {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò",
                                                     "u": "ūúǔù", "v": "ǖǘǚǜü"}.items() for c in marks})
_ZH_TABLE.update(_TONES)  # one pass over the text, not two
_EN_TABLE.update(_TONES)

# Crisis words in pinyin, syllable by syllable, so any mix of pinyin and characters (活不xia去,
# bu xiang huo) folds back to the characters. 想死 needs a subject in pinyin: xiangsi is also 相思.
_PINYIN = {
    "不想活": "bu xiang huo", "不想再活": "bu xiang zai huo", "活不下去": "huo bu xia qu", "活下去": "huo xia qu",
    "自杀": "zi sha", "轻生": "qing sheng", "跳楼": "tiao lou", "跳河": "tiao he", "跳江": "tiao jiang", "割腕": "ge wan",
    "自残": "zi can", "烧炭": "shao tan", "安眠药": "an mian yao", "上吊": "shang diao", "一了百了": "yi liao bai liao",
    "死了算了": "si le suan le", "不想醒来": "bu xiang xing lai", "结束生命": "jie shu sheng ming", "去死": "qu si",
    "我想死": "wo xiang si", "好想死": "hao xiang si", "真想死": "zhen xiang si", "撑不下去": "cheng bu xia qu",
    "活着没意思": "huo zhe mei yi si", "不想活了": "bu xiang huo le",
}


def _pinyin_pattern(word: str, syllables: str) -> str:
    parts = [f"(?:{ch}|{py}[1-5]?)" for ch, py in zip(word, syllables.split())]
    return r"(?<![a-z])" + r"[\s'-]{0,2}".join(parts) + r"(?![a-z])"


_PINYIN_WORDS = sorted(_PINYIN.items(), key=lambda item: -len(item[0]))
_PINYIN_ANY = compile_fast("|".join(f"(?P<p{i}>{_pinyin_pattern(w, py)})" for i, (w, py) in enumerate(_PINYIN_WORDS)))
_LATIN_PAIR = re.compile(r"[a-z]{2}")

# Pinyin, initials, homophones and euphemisms → the plain word, in one pass after the steps above; the
# patterns with a "*" in them in a pass before it, so "end mys*lf" can become "kill myself".
_SPELLINGS = [
    # pinyin (with or without spaces), and pinyin mixed with characters
    (r"(?<![a-z])zi ?sh?a(?! ?(?:teapot|pot|clay|壶))(?![a-z])|自 ?sh?a(?![a-z])|(?<![a-z])zi ?杀|(?<![a-z])z ?s(?![a-z])", "自杀"),
    (r"(?<![a-z])bxhl(?![a-z])", "不想活了"),
    (r"(?<![a-z])qing ?sheng(?![a-z])", "轻生"),
    (r"(?<![a-z])tiao ?lou(?![a-z])|跳 ?lou(?![a-z])|(?<![a-z])tiao ?楼", "跳楼"),
    (r"(?<![a-z])bu ?xiang ?huo(?: ?le)?(?![a-z])|不想 ?huo(?![a-z])", "不想活了"),
    (r"(?<![a-z])huo ?bu ?xia ?qu(?![a-z])", "活不下去"),
    (r"(?<![a-z])(?:wo ?|zhen ?|hao ?)xiang ?si(?: ?le)?(?![a-z])", "我想死"),
    (r"(?<![a-z])si ?le ?suan ?le(?![a-z])", "死了算了"),
    (r"(?<![a-z])ge ?wan(?![a-z])|割 ?wan(?![a-z])", "割腕"),
    (r"(?<![a-z])zi ?can(?![a-z])|(?<![a-z])zc(?=[了的过])", "自残"),
    (r"(?<![a-z])shao ?tan(?![a-z])", "烧炭"),
    (r"(?<![a-z])an ?mian ?yao(?![a-z])", "安眠药"),
    (r"(?<![a-z])shang ?diao(?![a-z])", "上吊"),
    (r"(?<![a-z])yi ?shu(?= ?(?:写|留|都))", "遗书"),
    # a latin s / si for 死 right against the characters around it: 想s, 去si, si了
    (r"(?<=[想去要求该])s(?:i|ǐ)?(?![a-z])|(?<![a-z])si(?=[了掉算吧])|(?<![a-z])s(?=了算了)", "死"),
    (r"(?<=[想去要]) ?[4四鼠](?= ?(?:了|掉|算)|$)|(?<![0-9])4(?= ?了算了)", "死"),
    (r"(?<=怎么) ?s ?i(?![a-z])|(?<=怎么) ?s(?= ?[比才最])", "死"),
    (r"(?<=[想要])(?:💀|☠)", "死"),
    (r"自个儿?", "自己"),
    (r"今儿(?:个)?", "今天"),
    (r"黑天", "晚上"),
    # homophones and look-alikes that dodge filters
    (r"紫砂(?!壶|杯|锅|煲|茶|泥|陶|器|盆)|自鲨|自刹|自煞|自沙|自殺", "自杀"),
    (r"割碗|割婉", "割腕"),
    (r"跳搂", "跳楼"),
    (r"(?<=[想要去])(?:嘎|噶)(?=了|掉|$)", "死"),
    # English euphemisms and filter-dodges
    (r"\bsewer[ -]?slide\b|\bself[- ]?delet(?:e|ion)\b|\bsooicide\b|\bsuicde\b|\bsucide\b", "suicide"),
    (r"\bun-?aliv(?:e|ing)(?: myself)?\b", "kill myself"),
    (r"\bmys\*+lf\b|\bmy\*+elf\b", "myself"),
    (r"\bkillmyself\b|\bkil+ my ?self\b|(?<![a-z])k[.*_-]m[.*_-]s(?![a-z])", "kill myself"),
    (r"\b(?:want|wanna|going|ready|need) 2 (?=die|kill|end)", "want to "),
    (r"\bctb\b|\bcatch the bus\b(?= (?:tonight|soon|for good|forever))", "kill myself"),
    (r"\b(?:want|wanna|ready|going|gonna) (?:to )?(?:💀|☠|coffin|grave)", "want to die"),
    (r"\byeet myself off\b", "jump off"),
    (r"\b(?:off|end|delete|neck|unalive|rope) myself\b|\bkill my ?self\b|(?<![0-9] )(?<![0-9])(?<![a-z])kms(?![a-z])",
     "kill myself"),
    (r"\bsu\*+cide|\bs\*+icide|\bsui\*+ide|\bsuic\*+de", "suicide"),
    (r"\bk\*+ll\b", "kill"),
    (r"\bd\*+e\b", "die"),
]


def _one_pass(spellings: list[tuple[str, str]]) -> tuple[re.Pattern, list[str]]:
    """All the spellings as one pattern (one scan of the text, not forty), and the word for each."""
    pattern = compile_fast("|".join(f"(?P<s{i}>{p})" for i, (p, _) in enumerate(spellings)))
    return pattern, [word for _, word in spellings]


_STARRED = _one_pass([(p, w) for p, w in _SPELLINGS if "\\*" in p])
# the rest in two passes, those with Chinese characters in them and those without: two small alternations
# are cheaper to try than one large one, and a text without Latin letters needs only the first
_SPELLED_HAN = _one_pass([(p, w) for p, w in _SPELLINGS if "\\*" not in p and _HAS_HAN.search(p)])
_SPELLED_LATIN = _one_pass([(p, w) for p, w in _SPELLINGS if "\\*" not in p and not _HAS_HAN.search(p)])
_ANY_LATIN = re.compile(r"[a-z]")


def fold(text: str) -> str:
    """The text in one spelling for matching: simplified, half-width, lower-case, obfuscation undone."""
    t = unicodedata.normalize("NFKC", text).lower()
    t = t.translate(_ZH_TABLE if _HAS_HAN.search(t) else _EN_TABLE)
    t = _BETWEEN_HAN.sub("", t)
    t = _PUNCTUATED_HAN.sub(lambda m: m.group().replace(m.group("mark"), ""), t)
    t = _SPACED_LETTERS.sub(lambda m: re.sub(r"[ .*_-]", "", m.group()), t)
    t = _LEET_WORD.sub(lambda m: m.group().translate(_LEET), t)
    t = _SPACES.sub(" ", t)
    if _LATIN_PAIR.search(t):
        t = _PINYIN_ANY.sub(lambda m: _PINYIN_WORDS[int(m.lastgroup[1:])][0], t)
    latin = _ANY_LATIN.search(t) or "*" in t
    for pattern, words in ((_STARRED, _SPELLED_HAN, _SPELLED_LATIN) if latin else (_SPELLED_HAN,)):
        t = pattern.sub(lambda m, words=words: words[int(m.lastgroup[1:])], t)
    t = _BETWEEN_HAN.sub("", t)  # again, for what the spellings just turned into characters (紫 砂)
    return _SPACES.sub(" ", t)
